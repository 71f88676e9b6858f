package org.openucp.clinical.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.web.problem.ProblemException;

/** Receives patients' submitted drafts exactly once, and lists them for clinicians. */
@ApplicationScoped
public class IntakeService {

  private final SubmittedDraftRepository submissions;
  private final PlanService plans;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public IntakeService(SubmittedDraftRepository submissions, PlanService plans, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.submissions = submissions;
    this.plans = plans;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** The outcome of one delivery: the stored submission, and whether this delivery was the first. */
  public record Delivery(SubmittedDraftRecord submission, boolean first) {
  }

  @WithTransaction
  public Uni<Delivery> receive(SubmittedDraft draft) {
    audit.patient(draft.nhsNumber());
    return submissions.insertIfAbsent(SubmittedDraftRecord.from(draft, clock.instant()))
        .chain(first -> submissions.findBySourceDraft(draft.draftId())
            .map(stored -> new Delivery(stored, first)));
  }

  @WithSession
  public Uni<List<SubmittedDraftRecord>> inbox(boolean includeClaimed, int page, int size) {
    return access.require(Permission.VIEW_DRAFT).chain(staff -> submissions.inbox(includeClaimed, page, size));
  }

  @WithSession
  public Uni<SubmittedDraftRecord> get(UUID id) {
    return access.require(Permission.VIEW_DRAFT).chain(staff -> existing(id));
  }

  /** Takes the submission into the patient's plan, once: a second claim is refused, naming the plan. */
  @WithTransaction
  public Uni<SubmittedDraftRecord> claim(UUID id) {
    return access.require(Permission.CLAIM_SUBMISSION).chain(staff -> existing(id).chain(submission -> {
      audit.patient(NhsNumber.of(submission.nhsNumber));
      if (submission.isClaimed()) {
        throw ProblemException.conflict("already-claimed", "Already taken into a plan",
            "This submission was taken into plan " + submission.planId + " at " + submission.claimedAt);
      }
      return plans.takeIn(staff, submission.content()).chain(plan -> {
        submission.claimedAt = clock.instant();
        submission.claimedBy = staff.id();
        submission.planId = plan.id;
        return submissions.persistAndFlush(submission);
      });
    }));
  }

  private Uni<SubmittedDraftRecord> existing(UUID id) {
    return submissions.findById(id).map(submission -> {
      if (submission == null) {
        throw ProblemException.notFound("Submitted draft " + id);
      }
      audit.patient(NhsNumber.of(submission.nhsNumber));
      return submission;
    });
  }
}
