package org.openucp.clinical.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.organisation.service.OnboardingRules;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.clinical.withdrawal.service.Withdrawals;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Receives patients' submitted drafts exactly once, each addressed to the organisation the patient chose, and
 * lists them for that organisation's staff only; they claim it into a plan or forward it to another organisation.
 */
@ApplicationScoped
public class IntakeService {

  private final SubmittedDraftRepository submissions;
  private final OrganisationRepository organisations;
  private final Withdrawals withdrawals;
  private final PlanService plans;
  private final AccessGuard access;
  private final AuditContext audit;
  private final OnboardingRules rules;
  private final Clock clock;

  public IntakeService(SubmittedDraftRepository submissions, OrganisationRepository organisations,
      Withdrawals withdrawals, PlanService plans, AccessGuard access, AuditContext audit, OnboardingRules rules,
      Clock clock) {
    this.withdrawals = withdrawals;
    this.submissions = submissions;
    this.organisations = organisations;
    this.plans = plans;
    this.access = access;
    this.audit = audit;
    this.rules = rules;
    this.clock = clock;
  }

  /** The outcome of one delivery: the stored submission, and whether this delivery was the first. */
  public record Delivery(SubmittedDraftRecord submission, boolean first) {
  }

  /**
   * Stores a delivered draft once (a repeat gets the first receipt). A draft submitted before the patient withdrew
   * consent (a delivery that was in flight while the withdrawal erased everything) is refused with 410 and not
   * stored; the portal then drops it. One addressed to an organisation that does not receive submissions (any more)
   * is refused with 422; the portal gives it back to the patient to choose again.
   */
  @WithTransaction
  public Uni<Delivery> receive(SubmittedDraft draft) {
    audit.patient(draft.nhsNumber());
    return submissions.findBySourceDraft(draft.draftId()).chain(stored -> stored != null
        ? Uni.createFrom().item(new Delivery(stored, false))
        : withdrawals.withdrawnSince(draft.nhsNumber(), draft.submittedAt()).invoke(withdrawn -> {
              if (withdrawn) {
                throw new ProblemException(Problem.of("consent-withdrawn", "Consent withdrawn", 410,
                    "The patient withdrew consent after submitting this draft: it was not stored"));
              }
            })
            .chain(() -> organisations.findById(draft.organisation().value()))
            .invoke(addressee -> {
              if (addressee == null || !rules.receivesSubmissions(addressee, LocalDate.now(clock))) {
                throw notARecipient(draft.organisation());
              }
            })
            .chain(() -> {
              SubmittedDraftRecord submission = SubmittedDraftRecord.from(draft, clock.instant());
              // A concurrent delivery of the same draft may have stored it first: then answer with that one.
              return submissions.insertIfAbsent(submission).chain(first -> first
                  ? Uni.createFrom().item(new Delivery(submission, true))
                  : submissions.findBySourceDraft(draft.draftId()).map(earlier -> new Delivery(earlier, false)));
            }));
  }

  /** The organisations a patient may send their submission to, by name. */
  @WithSession
  public Uni<List<Organisation>> recipients() {
    LocalDate today = LocalDate.now(clock);
    return organisations.ofTypes(Organisation.RECEIVING_SUBMISSIONS)
        .map(found -> found.stream().filter(organisation -> rules.receivesSubmissions(organisation, today)).toList());
  }

  /** The caller's organisation's inbox; every patient it shows is recorded in the audit trail. */
  @WithSession
  public Uni<Slice<SubmittedDraftRecord>> inbox(boolean includeClaimed, int page, int size) {
    return access.require(Permission.VIEW_DRAFT)
        .chain(staff -> submissions.inbox(staff.organisation(), includeClaimed, page, size))
        .invoke(found -> audit.revealed(found.items().stream().map(item -> NhsNumber.of(item.nhsNumber)).toList()));
  }

  @WithSession
  public Uni<SubmittedDraftRecord> get(UUID id) {
    return access.require(Permission.VIEW_DRAFT).chain(staff -> addressedTo(staff, id));
  }

  /**
   * Takes the submission into the patient's plan, once: a second claim is refused, naming the plan. A patient
   * without a plan gets one only with the consent the clinician records in the claim.
   */
  @WithTransaction
  public Uni<SubmittedDraftRecord> claim(UUID id, PlanService.ConsentStatement consent) {
    return access.require(Permission.CLAIM_SUBMISSION).chain(staff -> addressedTo(staff, id).chain(submission -> {
      requireUnclaimed(submission);
      return plans.takeIn(staff, submission.content(), consent).chain(plan -> {
        submission.claimedAt = clock.instant();
        submission.claimedBy = staff.id();
        submission.planId = plan.id;
        return submissions.persistAndFlush(submission);
      });
    }));
  }

  /** Sends an unclaimed submission on to another organisation that receives submissions, e.g. the right practice. */
  @WithTransaction
  public Uni<SubmittedDraftRecord> forward(UUID id, OdsCode to, String reason) {
    audit.reason(reason);
    return access.require(Permission.CLAIM_SUBMISSION).chain(staff -> addressedTo(staff, id).chain(submission -> {
      requireUnclaimed(submission);
      return organisations.findById(to.value()).chain(target -> {
        if (target == null || !rules.receivesSubmissions(target, LocalDate.now(clock))) {
          throw notARecipient(to);
        }
        submission.organisation = to.value();
        submission.forwardedAt = clock.instant();
        submission.forwardedBy = staff.id();
        return submissions.persistAndFlush(submission);
      });
    }));
  }

  /** The submission, when it is addressed to the member of staff's organisation; a 403 saying so otherwise. */
  private Uni<SubmittedDraftRecord> addressedTo(StaffMember staff, UUID id) {
    return submissions.findById(id).map(submission -> {
      if (submission == null) {
        throw ProblemException.notFound("Submitted draft " + id);
      }
      audit.patient(NhsNumber.of(submission.nhsNumber));
      if (!staff.organisation().value().equals(submission.organisation)) {
        throw ProblemException.forbidden("not-addressed-to-you", "This submission was sent to another "
            + "organisation, not to yours (" + staff.organisation() + ")");
      }
      return submission;
    });
  }

  private static ProblemException notARecipient(OdsCode organisation) {
    return new ProblemException(Problem.of("not-a-recipient", "Not a receiving organisation", 422,
            organisation + " is not an organisation that receives patients' submissions")
        .withErrors(List.of(new Problem.FieldError("organisation", "not a receiving organisation"))));
  }

  private static void requireUnclaimed(SubmittedDraftRecord submission) {
    if (submission.isClaimed()) {
      throw ProblemException.conflict("already-claimed", "Already taken into a plan",
          "This submission was taken into plan " + submission.planId + " at " + submission.claimedAt);
    }
  }
}
