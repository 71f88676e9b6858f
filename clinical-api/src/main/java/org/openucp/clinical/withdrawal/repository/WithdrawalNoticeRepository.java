package org.openucp.clinical.withdrawal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.withdrawal.WithdrawalNotice;

@ApplicationScoped
public class WithdrawalNoticeRepository implements PanacheRepositoryBase<WithdrawalNotice, UUID> {

  public Uni<List<WithdrawalNotice>> oldestPending(int limit) {
    return find("acknowledgedAt is null", Sort.by("withdrawnAt").and("id")).page(Page.ofSize(limit)).list();
  }

  /** Whether the patient's consent was withdrawn at or after the given time. */
  public Uni<Boolean> withdrawnSince(String nhsNumber, Instant since) {
    return count("nhsNumber = ?1 and withdrawnAt >= ?2", nhsNumber, since).map(found -> found > 0);
  }
}
