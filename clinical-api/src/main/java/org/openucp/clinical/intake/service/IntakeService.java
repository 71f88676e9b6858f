package org.openucp.clinical.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.web.problem.ProblemException;

/** Receives patients' submitted drafts exactly once, and lists them for clinicians. */
@ApplicationScoped
public class IntakeService {

  private final SubmittedDraftRepository submissions;
  private final Clock clock;

  public IntakeService(SubmittedDraftRepository submissions, Clock clock) {
    this.submissions = submissions;
    this.clock = clock;
  }

  /** The outcome of one delivery: the stored submission, and whether this delivery was the first. */
  public record Delivery(SubmittedDraftRecord submission, boolean first) {
  }

  @WithTransaction
  public Uni<Delivery> receive(SubmittedDraft draft) {
    return submissions.insertIfAbsent(SubmittedDraftRecord.from(draft, clock.instant()))
        .chain(first -> submissions.findBySourceDraft(draft.draftId())
            .map(stored -> new Delivery(stored, first)));
  }

  @WithSession
  public Uni<List<SubmittedDraftRecord>> inbox(int page, int size) {
    return submissions.inbox(page, size);
  }

  @WithSession
  public Uni<SubmittedDraftRecord> get(UUID id) {
    return submissions.findById(id)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Submitted draft " + id));
  }
}
