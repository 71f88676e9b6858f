package org.openucp.clinical.consent.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.careteam.repository.CareTeamRepository;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.consent.repository.ConsentRepository;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.ReconsentNotification;
import org.openucp.clinical.notice.service.Reconsent;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.plan.service.PublicationEffects;
import org.openucp.clinical.plan.service.PublicationRules;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.clinical.withdrawal.FollowUpTask;
import org.openucp.clinical.withdrawal.service.Withdrawals;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.ProblemException;

/**
 * Consent is the lawful basis for a plan: recorded before publication under the current privacy notice, given again
 * when a notice changes its purposes, and its withdrawal deletes the plan.
 */
@ApplicationScoped
public class ConsentService {

  private final ConsentRepository consents;
  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final AttachmentRepository attachments;
  private final SubmittedDraftRepository submissions;
  private final CareTeamRepository careTeams;
  private final Withdrawals withdrawals;
  private final PlanService planService;
  private final PublicationEffects effects;
  private final PlanContentCodec codec;
  private final Reconsent reconsent;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public ConsentService(ConsentRepository consents, CarePlanRepository plans, PlanVersionRepository versions,
      AttachmentRepository attachments, SubmittedDraftRepository submissions, CareTeamRepository careTeams,
      Withdrawals withdrawals, PlanService planService,
      PublicationEffects effects, PlanContentCodec codec, Reconsent reconsent, AccessGuard access, AuditContext audit,
      Clock clock) {
    this.consents = consents;
    this.plans = plans;
    this.versions = versions;
    this.attachments = attachments;
    this.submissions = submissions;
    this.careTeams = careTeams;
    this.withdrawals = withdrawals;
    this.planService = planService;
    this.effects = effects;
    this.codec = codec;
    this.reconsent = reconsent;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The erasure receipt: what kinds of record withdrawal erased and how many, when, and on whose request (a
   * patient, or staff of an organisation). It holds no clinical content.
   */
  @Schema(name = "ErasureReceipt")
  public record Withdrawal(Instant erasedAt, String requestedBy, String requestedByOrganisation, boolean planErased,
      int versionsDeleted, boolean draftDeleted, boolean consentDeleted, long attachmentsDeleted,
      long submissionsDeleted) {
  }

  /**
   * A consent record with the privacy notices it names (the one it was given under, and a later one under which it
   * must be given again), and whether the patient was reached about that: the newest request's notification.
   */
  public record Given(Consent consent, PrivacyNotice notice, PrivacyNotice reconsentNotice,
      ReconsentNotification notification) {
  }

  /**
   * Records the basis as stated now, under the current privacy notice: consent given again this way ends any wait for
   * it, and lifts a restriction made for want of it.
   */
  @WithTransaction
  public Uni<Given> record(NhsNumber patient, PlanService.ConsentStatement statement) {
    audit.patient(patient);
    return access.require(Permission.RECORD_CONSENT).chain(staff -> reconsent.noticeForConsentNow()
        .chain(notice -> consentable(staff, patient, LockModeType.PESSIMISTIC_WRITE)
            .chain(held -> dateOfBirth(held.plan()).chain(dateOfBirth -> {
              PublicationRules.requireConsentAllowed(dateOfBirth, statement, LocalDate.now(clock), "");
              Instant now = clock.instant();
              Consent consent = held.consent() == null ? new Consent() : held.consent();
              consent.planId = held.plan().id;
              consent.recordedBy(staff, statement, now).givenUnder(notice.id);
              return consents.persistAndFlush(consent).call(() -> reconsent.obtained(patient, staff.id(), now));
            })))
        .chain(consent -> given(patient, consent)));
  }

  @WithSession
  public Uni<Given> get(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_DRAFT)
        .chain(staff -> consentable(staff, patient, LockModeType.NONE))
        .map(held -> held.consent())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("A consent record for this plan"))
        .chain(consent -> given(patient, consent));
  }

  /** A plan and its consent record (which may be missing). */
  private record Held(CarePlan plan, Consent consent) {
  }

  /**
   * The patient's plan and its consent (locked as asked), for the plan's care team. A plan restricted for want of
   * re-consent stays open to them here, since recording consent again is how that restriction ends; any other
   * restriction, and anyone else, is refused as for every other operation on the plan.
   */
  private Uni<Held> consentable(StaffMember staff, NhsNumber patient, LockModeType lock) {
    return plans.findByPatient(patient).chain(plan -> {
      if (plan == null) {
        return planService.inCareTeam(staff, patient).replaceWith((Held) null);
      }
      return consents.findById(plan.id, lock).chain(consent -> reconsent.restrictedForReconsent(patient)
          .chain(restriction -> restriction == null ? planService.inCareTeam(staff, patient)
              : careTeams.isMember(plan.id, staff.organisation().value()).chain(member -> {
                audit.plan(plan.id, null);
                return member ? Uni.createFrom().item(plan) : planService.inCareTeam(staff, patient);
              }))
          .map(checked -> new Held(checked, consent)));
    });
  }

  private Uni<Given> given(NhsNumber patient, Consent consent) {
    return reconsent.notice(consent.privacyNoticeId).chain(notice -> reconsent.notice(consent.reconsentNoticeId)
        .chain(asking -> reconsent.newestNotification(patient)
            .map(notification -> new Given(consent, notice, asking, notification))));
  }

  /**
   * Deletes the plan with every version, attachment and consent record, and every copy of the patient's submitted
   * drafts. What remains is the audit trail, which holds no clinical content.
   */
  @WithTransaction
  public Uni<Withdrawal> withdraw(NhsNumber patient, String reason) {
    audit.patient(patient);
    audit.reason(reason);
    return access.require(Permission.WITHDRAW_CONSENT).chain(staff -> plans.findByPatient(patient).chain(plan -> {
      String organisation = staff.organisation().value();
      if (plan != null) {
        audit.plan(plan.id, null);
        return planService.requireCareTeam(staff, plan).chain(() -> erase(patient, plan, "STAFF", organisation));
      }
      // Before any plan, the organisation the patient sent their submission to acts on their withdrawal.
      return submissions.organisationsOf(patient).chain(addressedTo -> {
        if (!addressedTo.contains(organisation)) {
          throw ProblemException.notFound("A plan, or a submission sent to your organisation,");
        }
        return erase(patient, null, "STAFF", organisation);
      });
    }));
  }

  /**
   * The patient's own withdrawal, through the portal: their right, so no staff permission applies. It erases the
   * plan if there is one and every submission of theirs, even before any became a plan.
   */
  @WithTransaction
  public Uni<Withdrawal> withdrawByPatient(NhsNumber patient, String viewer, String reason) {
    audit.patient(patient);
    audit.onBehalfOf("PATIENT", viewer);
    audit.reason(reason);
    // Even with nothing held here yet the withdrawal is recorded: a draft already on its way is then refused.
    return plans.findByPatient(patient).chain(plan -> {
      if (plan != null) {
        audit.plan(plan.id, null);
      }
      return erase(patient, plan, "PATIENT", null);
    });
  }

  /**
   * Erases the plan (if any) and every submission, leaves a notice for the portal to erase its records too, and,
   * when the patient withdrew themself, a task for each organisation that worked with them to talk it through.
   */
  private Uni<Withdrawal> erase(NhsNumber patient, CarePlan plan, String requestedBy, String organisation) {
    Instant at = clock.instant();
    Uni<List<String>> toFollowUp = "PATIENT".equals(requestedBy) ? organisationsWorkingWith(patient, plan)
        : Uni.createFrom().item(List.of());
    return toFollowUp.chain(organisations -> eraseRecords(patient, plan, requestedBy, organisation, at)
        .call(() -> withdrawals.noticeFor(patient, at))
        .call(() -> withdrawals.followUp(patient, organisations, FollowUpTask.CONSENT_WITHDRAWN_BY_PATIENT, at))
        .call(() -> reconsent.withdrawn(patient, "consent-withdrawn", at)));
  }

  /** The plan's care team and the organisations the patient's submissions were sent to: read before erasing. */
  private Uni<List<String>> organisationsWorkingWith(NhsNumber patient, CarePlan plan) {
    Uni<List<String>> team = plan == null ? Uni.createFrom().item(List.of())
        : careTeams.of(plan.id).map(members -> members.stream().map(member -> member.odsCode).toList());
    return team.chain(careTeam -> submissions.organisationsOf(patient).map(addressedTo -> {
      List<String> organisations = new ArrayList<>(careTeam);
      organisations.addAll(addressedTo);
      return organisations;
    }));
  }

  private Uni<Withdrawal> eraseRecords(NhsNumber patient, CarePlan plan, String requestedBy, String organisation,
      Instant at) {
    if (plan == null) {
      return submissions.deleteForPatient(patient).map(submissionCount -> new Withdrawal(at, requestedBy,
          organisation, false, 0, false, false, 0, submissionCount));
    }
    return attachments.countFor(plan.id).chain(attachmentCount -> consents.findById(plan.id).chain(consent ->
        submissions.deleteForPatient(patient).chain(submissionCount -> effects.withdrawn(plan)
            .chain(() -> plans.deleteWithEverything(plan.id))
            .map(deleted -> new Withdrawal(at, requestedBy, organisation, true, plan.latestVersion,
                plan.hasDraft(), consent != null, attachmentCount, submissionCount)))));
  }

  private Uni<LocalDate> dateOfBirth(CarePlan plan) {
    if (plan.hasDraft()) {
      return Uni.createFrom().item(dateOfBirth(codec.read(plan.draftContent)));
    }
    if (!plan.isPublished()) {
      return Uni.createFrom().nullItem();
    }
    return versions.findVersion(plan.id, plan.latestVersion).map(found -> dateOfBirth(codec.read(found.content)));
  }

  private static LocalDate dateOfBirth(PlanContent content) {
    return content.person() == null ? null : content.person().dateOfBirth();
  }
}
