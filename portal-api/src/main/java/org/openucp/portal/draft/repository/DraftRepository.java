package org.openucp.portal.draft.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftStatus;

@ApplicationScoped
public class DraftRepository implements PanacheRepositoryBase<Draft, UUID> {

  /** The patient's draft with this id; another patient's draft is as absent as one that never existed. */
  public Uni<Draft> findOwned(UUID id, NhsNumber patient) {
    return find("id = ?1 and nhsNumber = ?2", id, patient.value()).firstResult();
  }

  public Uni<List<Draft>> listOwned(NhsNumber patient) {
    return list("nhsNumber", patient.value());
  }

  public Uni<List<Draft>> findAllById(List<UUID> ids) {
    return list("id in ?1", ids);
  }

  /**
   * Deletes a submitted draft (moved to the intake, or refused after its patient withdrew consent) with its outbox row
   * (ON DELETE CASCADE), by one statement rather than by removing the loaded entity as {@code deleteById} does.
   * Hibernate Reactive's entity delete keeps the pending result of its DELETE in a field that every session shares
   * (ReactiveDeleteCoordinator, one per entity type; hibernate-reactive#1713): when two sessions delete drafts at the
   * same moment, the first answer completes the second's result, so one transaction waits for good after its DELETE,
   * holding its connection, while the other carries on early, or fails with HR000069 if that answer arrived on another
   * event loop. Emits whether the draft was there.
   */
  public Uni<Boolean> deleteSubmitted(UUID id) {
    return delete("id", id).map(deleted -> deleted > 0);
  }

  /** Unsubmitted drafts nobody has changed since the cutoff. */
  public Uni<List<Draft>> unsubmittedSince(Instant cutoff) {
    return list("status = ?1 and updatedAt < ?2", DraftStatus.EDITING, cutoff);
  }

  /**
   * Claims up to {@code limit} unsubmitted drafts due their one reminder and marks them reminded, skipping drafts
   * another replica is handling: a draft is marked once, so it is emailed at most once.
   */
  @SuppressWarnings("unchecked")
  public Uni<List<Draft>> claimReminders(Instant cutoff, Instant now, int limit) {
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT id FROM draft
            WHERE status = 'EDITING' AND updated_at < :cutoff AND reminder_sent_at IS NULL AND email IS NOT NULL
            ORDER BY updated_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """, UUID.class)
        .setParameter("cutoff", cutoff)
        .setParameter("limit", limit)
        .getResultList())
        .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Draft>of())
            : update("reminderSentAt = ?1 where id in ?2", now, ids).chain(() -> findAllById(ids)));
  }
}
