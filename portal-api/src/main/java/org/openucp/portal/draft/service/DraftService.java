package org.openucp.portal.draft.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftContent;
import org.openucp.portal.draft.repository.DraftRepository;
import org.openucp.portal.transfer.OutboxRelay;
import org.openucp.portal.transfer.repository.OutboxRepository;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/** A patient's own draft: one open at a time, edited with optimistic concurrency, submitted once. */
@ApplicationScoped
public class DraftService {

  private final DraftRepository drafts;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final Clock clock;

  public DraftService(DraftRepository drafts, OutboxRepository outbox, OutboxRelay relay, Clock clock) {
    this.drafts = drafts;
    this.outbox = outbox;
    this.relay = relay;
    this.clock = clock;
  }

  public Uni<Draft> start(NhsNumber patient, DraftContent content) {
    return Panache.withTransaction(() -> drafts.listOwned(patient).chain(existing -> {
          if (!existing.isEmpty()) {
            throw alreadyHasDraft(existing.get(0).id);
          }
          Draft draft = Draft.start(patient, clock.instant());
          draft.write(content, clock.instant());
          return drafts.persistAndFlush(draft);
        }))
        // Two first saves racing: the unique constraint lets one through.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> alreadyHasDraft(null));
  }

  @WithSession
  public Uni<List<Draft>> listOwned(NhsNumber patient) {
    return drafts.listOwned(patient);
  }

  @WithSession
  public Uni<Draft> get(NhsNumber patient, UUID id) {
    return owned(patient, id);
  }

  @WithTransaction
  public Uni<Draft> save(NhsNumber patient, UUID id, long expectedVersion, DraftContent content) {
    return editable(patient, id, expectedVersion).chain(draft -> {
      draft.write(content, clock.instant());
      return drafts.persistAndFlush(draft);
    });
  }

  @WithTransaction
  public Uni<Void> discard(NhsNumber patient, UUID id, long expectedVersion) {
    return editable(patient, id, expectedVersion).chain(drafts::delete);
  }

  /**
   * Marks the draft submitted and queues it for the clinical intake in one transaction; once that has committed,
   * asks the relay to deliver it straight away rather than at its next scheduled run.
   */
  public Uni<Draft> submit(NhsNumber patient, UUID id, long expectedVersion) {
    return Panache.withTransaction(() -> editable(patient, id, expectedVersion).chain(draft -> {
          draft.submit(clock.instant());
          return drafts.persistAndFlush(draft)
              .call(submitted -> outbox.enqueue(submitted.id, clock.instant()));
        }))
        .invoke(relay::nudge);
  }

  private Uni<Draft> editable(NhsNumber patient, UUID id, long expectedVersion) {
    return owned(patient, id).invoke(draft -> {
      if (!draft.isEditable()) {
        throw ProblemException.conflict("draft-submitted", "Already submitted",
            "This draft was submitted to your clinical team and can no longer be changed here");
      }
      Versions.check(expectedVersion, draft.version);
    });
  }

  private Uni<Draft> owned(NhsNumber patient, UUID id) {
    return drafts.findOwned(id, patient)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Draft " + id));
  }

  private static ProblemException alreadyHasDraft(UUID existing) {
    return ProblemException.conflict("draft-exists", "You already have a draft",
        existing == null ? "Open your existing draft to carry on with it"
            : "Open your existing draft " + existing + " to carry on with it");
  }
}
