package org.openucp.clinical.consent.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.consent.repository.ConsentRepository;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.plan.service.PublicationEffects;
import org.openucp.clinical.plan.service.PublicationRules;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** Consent is the lawful basis for a plan: recorded before publication, and its withdrawal deletes the plan. */
@ApplicationScoped
public class ConsentService {

  private final ConsentRepository consents;
  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final AttachmentRepository attachments;
  private final SubmittedDraftRepository submissions;
  private final PlanService planService;
  private final PublicationEffects effects;
  private final PlanContentCodec codec;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public ConsentService(ConsentRepository consents, CarePlanRepository plans, PlanVersionRepository versions,
      AttachmentRepository attachments, SubmittedDraftRepository submissions, PlanService planService,
      PublicationEffects effects, PlanContentCodec codec, AccessGuard access, AuditContext audit, Clock clock) {
    this.consents = consents;
    this.plans = plans;
    this.versions = versions;
    this.attachments = attachments;
    this.submissions = submissions;
    this.planService = planService;
    this.effects = effects;
    this.codec = codec;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** What withdrawal removed, so that the clinician can tell the patient. */
  public record Withdrawal(int versionsDeleted, long attachmentsDeleted, long submissionsDeleted) {
  }

  @WithTransaction
  public Uni<Consent> record(NhsNumber patient, ConsentBasis basis, String notes) {
    audit.patient(patient);
    return access.require(Permission.RECORD_CONSENT).chain(staff -> planService.existing(patient).chain(plan ->
        dateOfBirth(plan).chain(dateOfBirth -> {
          if (dateOfBirth != null && PublicationRules.isChild(dateOfBirth, LocalDate.now(clock))
              && !PublicationRules.allowsChild(basis)) {
            throw new ProblemException(Problem.of("consent-basis-not-allowed", "Consent basis not allowed", 422,
                "For a person under 18, consent must be by a parent or guardian or a best-interests decision")
                .withErrors(java.util.List.of(new Problem.FieldError("basis", "not allowed under 18"))));
          }
          return consents.findById(plan.id).chain(found -> {
            Consent consent = found == null ? new Consent() : found;
            consent.planId = plan.id;
            consent.basis = basis;
            consent.notes = notes;
            consent.recordedBy = staff.id();
            consent.recordedByName = staff.name();
            consent.recordedAt = clock.instant();
            return consents.persistAndFlush(consent);
          });
        })));
  }

  @WithSession
  public Uni<Consent> get(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_DRAFT)
        .chain(staff -> planService.existing(patient))
        .chain(plan -> consents.findById(plan.id))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("A consent record for this plan"));
  }

  /**
   * Deletes the plan with every version, attachment and consent record, and every copy of the patient's submitted
   * drafts. What remains is the audit trail, which holds no clinical content.
   */
  @WithTransaction
  public Uni<Withdrawal> withdraw(NhsNumber patient, String reason) {
    audit.patient(patient);
    audit.reason(reason);
    return access.require(Permission.WITHDRAW_CONSENT).chain(staff -> deleteEverything(patient));
  }

  /** The patient's own withdrawal, through the portal: their right, so no staff permission applies. */
  @WithTransaction
  public Uni<Withdrawal> withdrawByPatient(NhsNumber patient, String viewer, String reason) {
    audit.patient(patient);
    audit.onBehalfOf("PATIENT", viewer);
    audit.reason(reason);
    return deleteEverything(patient);
  }

  private Uni<Withdrawal> deleteEverything(NhsNumber patient) {
    return planService.existing(patient).chain(plan ->
        attachments.countFor(plan.id).chain(attachmentCount ->
            submissions.deleteForPatient(patient).chain(submissionCount -> effects.withdrawn(plan).chain(() ->
                plans.deleteWithEverything(plan.id)).map(deleted ->
                    new Withdrawal(plan.latestVersion, attachmentCount, submissionCount)))));
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
