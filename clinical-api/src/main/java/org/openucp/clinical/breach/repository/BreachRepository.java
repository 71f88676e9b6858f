package org.openucp.clinical.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.database.CountedPages;
import org.openucp.web.paging.Slice;

@ApplicationScoped
public class BreachRepository implements PanacheRepositoryBase<Breach, UUID> {

  /** The register, the breach the operator became aware of most recently first. */
  public Uni<Slice<Breach>> newest(int pageIndex, int pageSize) {
    var newestFirst = findAll(Sort.by("awareAt").descending().and("recordedAt").descending().and("id"));
    return CountedPages.read(newestFirst, pageIndex, pageSize);
  }

  public Uni<List<Breach>> byIds(List<UUID> ids) {
    return list("id in ?1", ids);
  }

  /** The entry, its row held until this transaction ends, so that its writers take turns. */
  public Uni<Breach> findForUpdate(UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Deletes the entry with everything that hangs off it (affected patients and records, audit searches, liaisons,
   * decisions on notifying the ICO), for its destruction at the end of its retention. The database lets the decisions
   * go only once the destruction log holds the entry's stub (migration V21).
   */
  public Uni<Void> deleteWithEverything(UUID id) {
    return Multi.createFrom().items("breach_affected_record", "breach_affected_patient", "breach_audit_search",
            "breach_liaison", "breach_regulator_decision")
        .onItem().transformToUniAndConcatenate(table -> getSession().chain(session -> session
            .createNativeQuery("DELETE FROM " + table + " WHERE breach_id = :id")
            .setParameter("id", id)
            .executeUpdate()))
        .collect().last()
        .chain(() -> getSession().chain(session -> session.createNativeQuery("DELETE FROM breach WHERE id = :id")
            .setParameter("id", id)
            .executeUpdate()))
        .replaceWithVoid();
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
