package org.openucp.clinical.withdrawal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.withdrawal.WithdrawalNotice;

@ApplicationScoped
public class WithdrawalNoticeRepository implements PanacheRepositoryBase<WithdrawalNotice, UUID> {

  public Uni<List<WithdrawalNotice>> oldest(int limit) {
    return findAll(Sort.by("withdrawnAt").and("id")).page(Page.ofSize(limit)).list();
  }
}
