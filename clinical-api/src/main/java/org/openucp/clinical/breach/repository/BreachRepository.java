package org.openucp.clinical.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.breach.Breach;

@ApplicationScoped
public class BreachRepository implements PanacheRepositoryBase<Breach, UUID> {

  /** The register, the breach the operator became aware of most recently first. */
  public Uni<List<Breach>> newest(int pageIndex, int pageSize) {
    return findAll(Sort.by("awareAt").descending().and("recordedAt").descending().and("id"))
        .page(Page.of(pageIndex, pageSize)).list();
  }

  /** The entry, its row held until this transaction ends, so that its writers take turns. */
  public Uni<Breach> findForUpdate(UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Breaches whose ICO clock still runs (no decision, or a decision to notify not yet carried out) and that the
   * operator became aware of before the given time, the oldest first.
   */
  public Uni<List<Breach>> regulatorClockRunningAwareBefore(Instant awareBefore) {
    return list("(notifyRegulator is null or (notifyRegulator = true and regulatorNotifiedAt is null))"
        + " and awareAt < ?1", Sort.by("awareAt").and("id"), awareBefore);
  }
}
