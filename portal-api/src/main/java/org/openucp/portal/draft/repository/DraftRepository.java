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
