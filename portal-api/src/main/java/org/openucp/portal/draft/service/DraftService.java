package org.openucp.portal.draft.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.openucp.portal.security.Patient;
import org.openucp.portal.draft.DraftConfig;
import org.openucp.web.problem.Problem;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftContent;
import org.openucp.portal.draft.repository.DraftRepository;
import org.openucp.portal.transfer.OutboxRelay;
import org.openucp.portal.transfer.repository.OutboxRepository;
import org.openucp.portal.transfer.SubmissionReceipt;
import org.openucp.portal.transfer.repository.SubmissionReceiptRepository;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.trace.TraceParents;
import org.openucp.web.version.Versions;

/** A patient's own draft: one open at a time, edited with optimistic concurrency, submitted once. */
@ApplicationScoped
public class DraftService {

  private final DraftRepository drafts;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final SubmissionReceiptRepository receipts;
  private final Recipients recipients;
  private final DraftConfig config;
  private final Clock clock;

  public DraftService(DraftRepository drafts, OutboxRepository outbox, OutboxRelay relay,
      SubmissionReceiptRepository receipts, Recipients recipients, DraftConfig config, Clock clock) {
    this.recipients = recipients;
    this.drafts = drafts;
    this.outbox = outbox;
    this.relay = relay;
    this.receipts = receipts;
    this.config = config;
    this.clock = clock;
  }

  public Uni<Draft> start(Patient patient, DraftContent content) {
    requireProofing(patient);
    requireAdult(patient);
    return Panache.withTransaction(() -> drafts.listOwned(patient.nhsNumber()).chain(existing -> {
          if (!existing.isEmpty()) {
            throw alreadyHasDraft(existing.get(0).id);
          }
          Draft draft = Draft.start(patient.nhsNumber(), clock.instant());
          draft.write(content, clock.instant());
          return drafts.persistAndFlush(draft);
        }))
        // Two first saves racing: the unique constraint lets one through.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> alreadyHasDraft(null));
  }

  @WithSession
  public Uni<List<Draft>> listOwned(Patient patient) {
    requireProofing(patient);
    return drafts.listOwned(patient.nhsNumber());
  }

  /** What the patient has submitted, and whether it has reached their clinical team: kept after the move. */
  @WithSession
  public Uni<List<SubmissionReceipt>> submissions(Patient patient) {
    requireProofing(patient);
    return receipts.forPatient(patient.nhsNumber());
  }

  @WithSession
  public Uni<Draft> get(Patient patient, UUID id) {
    return owned(patient, id);
  }

  @WithTransaction
  public Uni<Draft> save(Patient patient, UUID id, long expectedVersion, DraftContent content) {
    return editable(patient, id, expectedVersion).chain(draft -> {
      draft.write(content, clock.instant());
      return drafts.persistAndFlush(draft);
    });
  }

  @WithTransaction
  public Uni<Void> discard(Patient patient, UUID id, long expectedVersion) {
    return editable(patient, id, expectedVersion)
        .chain(draft -> drafts.delete("id = ?1 and version = ?2", draft.id, draft.version))
        .invoke(Versions::checkDeleted).replaceWithVoid();
  }

  /**
   * Checks that the chosen organisation receives submissions, then marks the draft submitted and queues it for the
   * clinical intake in one transaction; once that has committed,
   * asks the relay to deliver it straight away rather than at its next scheduled run.
   */
  public Uni<Draft> submit(Patient patient, UUID id, long expectedVersion) {
    requireProofing(patient);
    requireAdult(patient);
    String traceParent = TraceParents.current();
    return Panache.withSession(() -> editable(patient, id, expectedVersion))
        .call(draft -> recipients.requireRecipient(draft.organisation))
        .chain(checked -> Panache.withTransaction(() -> editable(patient, id, expectedVersion).chain(draft -> {
          draft.submit(clock.instant());
          return drafts.persistAndFlush(draft)
              .call(submitted -> outbox.enqueue(submitted.id, clock.instant(), traceParent))
              .call(submitted -> receipts.issue(submitted));
        })))
        .invoke(relay::nudge);
  }

  private Uni<Draft> editable(Patient patient, UUID id, long expectedVersion) {
    return owned(patient, id).invoke(draft -> {
      if (!draft.isEditable()) {
        throw ProblemException.conflict("draft-submitted", "Already submitted",
            "This draft was submitted to your clinical team and can no longer be changed here");
      }
      Versions.check(expectedVersion, draft.version);
    });
  }

  private Uni<Draft> owned(Patient patient, UUID id) {
    requireProofing(patient);
    return drafts.findOwned(id, patient.nhsNumber())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Draft " + id));
  }

  /** Keeping a draft needs an identity NHS login has verified to the configured level (P5 unless configured). */
  private void requireProofing(Patient patient) {
    if (!patient.proofedAtLeast(config.minimumProofing())) {
      throw new ProblemException(Problem.of("identity-proofing", "Identity check needed", 403,
          "Your NHS login identity is verified to level " + patient.identityProofingLevel() + "; a plan of your own "
              + "needs level " + config.minimumProofing() + ". Verify your identity in NHS login, then try again."));
    }
  }

  /**
   * Sends anyone younger than the minimum age (by the date of birth NHS login verified) to their clinical team
   * instead of keeping their draft here: a child's plan needs the consent of, or consultation with, whoever holds
   * parental responsibility, which a clinician records.
   */
  private void requireAdult(Patient patient) {
    if (patient.birthdate() == null) {
      throw new ProblemException(Problem.of("age-unknown", "Date of birth needed", 403,
          "Your NHS login did not share your date of birth, which a plan of your own needs. Ask your GP or the team "
              + "that looks after you to make your plan with you."));
    }
    if (patient.birthdate().plusYears(config.minimumAge()).isAfter(LocalDate.now(clock))) {
      throw new ProblemException(Problem.of("under-age", "Make your plan with your care team", 403,
          "People under " + config.minimumAge() + " make their urgent care plan with their clinical team, together "
              + "with the people who look after them. Ask your GP or the team that looks after you."));
    }
  }

  private static ProblemException alreadyHasDraft(UUID existing) {
    return ProblemException.conflict("draft-exists", "You already have a draft",
        existing == null ? "Open your existing draft to carry on with it"
            : "Open your existing draft " + existing + " to carry on with it");
  }
}
