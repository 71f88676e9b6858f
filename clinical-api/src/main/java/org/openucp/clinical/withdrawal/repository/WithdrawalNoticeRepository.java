package org.openucp.clinical.withdrawal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.openucp.clinical.database.CountedPages;
import org.openucp.clinical.withdrawal.WithdrawalNotice;
import org.openucp.web.paging.Slice;

@ApplicationScoped
public class WithdrawalNoticeRepository implements PanacheRepositoryBase<WithdrawalNotice, UUID> {

  public Uni<Slice<WithdrawalNotice>> oldestPending(int limit) {
    var pending = find("acknowledgedAt is null", Sort.by("withdrawnAt").and("id"));
    return CountedPages.read(pending, 0, limit);
  }

  /** Whether the patient's consent was withdrawn at or after the given time. */
  public Uni<Boolean> withdrawnSince(String nhsNumber, Instant since) {
    return count("nhsNumber = ?1 and withdrawnAt >= ?2", nhsNumber, since).map(found -> found > 0);
  }
}
