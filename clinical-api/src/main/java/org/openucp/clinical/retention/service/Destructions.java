package org.openucp.clinical.retention.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.service.PublicationEffects;
import org.openucp.clinical.retention.DestructionRecord;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.repository.DestructionLogRepository;
import org.openucp.clinical.retention.repository.RetentionAppraisalRepository;
import org.openucp.clinical.retention.repository.RetentionHoldRepository;
import org.openucp.clinical.retention.service.RetentionSchedule.PlanRetention;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * Destroys a plan that an appraisal approved for destruction, and leaves its metadata stub in the destruction log.
 * Refused while a hold is on the patient's records, and when the plan has come back into use since it was appraised
 * (its minimum period, worked out again now, has not ended). Destruction deletes the plan with everything the
 * database deletes with it (versions, draft, consent, attachments, care team, death record, urgent care index entry,
 * NRL pointers, review tasks), the submissions that were taken into it, and tells the identifier feed, as consent
 * withdrawal does, in one transaction.
 */
@ApplicationScoped
public class Destructions {

  /** How a plan is destroyed, as the stub says. */
  static final String PLAN_METHOD = "Deleted from the clinical database in one transaction (plan, versions, draft, "
      + "consent, attachments, care team, death record, urgent care index entry, NRL pointers, review tasks, "
      + "submissions taken into the plan); REMOVED sent on the identifier feed. Database backups holding it expire "
      + "with the backup rotation.";

  private final RetentionAppraisalRepository appraisals;
  private final RetentionHoldRepository holds;
  private final DestructionLogRepository log;
  private final CarePlanRepository plans;
  private final AttachmentRepository attachments;
  private final PublicationEffects effects;
  private final PlanRetentions retentions;
  private final StubHashes hashes;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public Destructions(RetentionAppraisalRepository appraisals, RetentionHoldRepository holds,
      DestructionLogRepository log, CarePlanRepository plans, AttachmentRepository attachments,
      PublicationEffects effects, PlanRetentions retentions, StubHashes hashes, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.appraisals = appraisals;
    this.holds = holds;
    this.log = log;
    this.plans = plans;
    this.attachments = attachments;
    this.effects = effects;
    this.retentions = retentions;
    this.hashes = hashes;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Destroys the record the appraisal approved for destruction; emits the stub left in the destruction log. */
  @WithTransaction
  public Uni<DestructionRecord> destroy(UUID appraisalId, long expectedRevision) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> appraisals.findById(appraisalId)
        .chain(appraisal -> {
          if (appraisal == null) {
            throw ProblemException.notFound("A retention appraisal with this id");
          }
          audit.plan(appraisal.recordId, null);
          if (appraisal.nhsNumber != null) {
            audit.patient(NhsNumber.of(appraisal.nhsNumber));
          }
          Versions.check(expectedRevision, appraisal.revision);
          if (appraisal.destroyedAt != null) {
            throw ProblemException.conflict("already-destroyed", "Already destroyed",
                "The record was destroyed at " + appraisal.destroyedAt);
          }
          if (appraisal.decision != RetentionAppraisal.Decision.DESTROY) {
            throw ProblemException.conflict("destruction-not-approved", "Destruction not approved",
                appraisal.decision == null
                    ? "The record has not been appraised: record a DESTROY decision first"
                    : "The appraisal decided " + appraisal.decision + ", not DESTROY");
          }
          return plans.findById(appraisal.recordId, LockModeType.PESSIMISTIC_WRITE)
              .chain(plan -> {
                if (plan == null) {
                  throw ProblemException.conflict("record-gone", "The record is no longer held",
                      "The plan was already deleted (consent withdrawn, say): there is nothing to destroy");
                }
                return holds.activeOn(plan.nhsNumber, LocalDate.now(clock)).chain(active -> {
                  if (!active.isEmpty()) {
                    throw RetentionProblems.onHold(active);
                  }
                  return retentions.factsOf(plan.id);
                }).chain(facts -> {
                  PlanRetention now = retentions.retentionOf(facts);
                  if (!now.endedBy(LocalDate.now(clock))) {
                    throw ProblemException.conflict("retention-not-ended", "Back in use since the appraisal",
                        "The plan was used or changed since it was appraised (" + now.basis()
                            + "): its minimum retention now ends on " + now.endsOn() + ". Nothing was destroyed.");
                  }
                  return destroyPlan(staff, appraisal, plan, now);
                });
              });
        }));
  }

  private Uni<DestructionRecord> destroyPlan(StaffMember staff, RetentionAppraisal appraisal, CarePlan plan,
      PlanRetention retention) {
    Instant at = clock.instant();
    int versions = plan.latestVersion;
    boolean draft = plan.hasDraft();
    return attachments.countFor(plan.id).chain(attachmentCount -> hashes.of(plan.nhsNumber).chain(hash ->
        effects.withdrawn(plan)
            .chain(() -> deleteSubmissionsTakenInto(plan.id))
            .chain(submissions -> plans.deleteWithEverything(plan.id)
                .call(() -> forgetPatientInAppraisalsOf(plan.id)).chain(() -> {
              appraisal.destroyedAt = at;
              appraisal.nhsNumber = null;
              DestructionRecord stub = new DestructionRecord();
              stub.id = UUID.randomUUID();
              stub.recordClass = appraisal.recordClass;
              stub.recordId = plan.id.toString();
              stub.nhsNumberHash = hash;
              stub.recordCreatedAt = plan.createdAt;
              stub.retentionTrigger = retention.trigger();
              stub.retentionStartedOn = retention.startedOn();
              stub.minimumEndedOn = retention.endsOn();
              stub.destroyedAt = at;
              stub.destroyedBy = staff.id();
              stub.destroyedByName = staff.name();
              stub.appraisalId = appraisal.id;
              stub.authority = "Appraisal " + appraisal.id + ": DESTROY approved by " + appraisal.decidedByName
                  + " (" + appraisal.decidedBy + ") at " + appraisal.decidedAt
                  + (appraisal.reason == null ? "" : ": " + appraisal.reason);
              stub.method = PLAN_METHOD;
              stub.contents = versions + " published version(s), " + (draft ? "a draft" : "no draft") + ", "
                  + attachmentCount + " attachment(s), " + submissions + " submission(s) taken in";
              return log.persist(stub);
            }))));
  }

  /** Earlier appraisals of the plan (kept, then listed again) no longer name the patient either. */
  private static Uni<Integer> forgetPatientInAppraisalsOf(UUID planId) {
    return Panache.getSession().chain(session -> session
        .createNativeQuery("UPDATE retention_appraisal SET nhs_number = NULL WHERE record_id = :plan")
        .setParameter("plan", planId)
        .executeUpdate());
  }

  private static Uni<Integer> deleteSubmissionsTakenInto(UUID planId) {
    return Panache.getSession().chain(session -> session
        .createNativeQuery("DELETE FROM submitted_draft WHERE plan_id = :plan")
        .setParameter("plan", planId)
        .executeUpdate());
  }

  /** The destruction log, newest first; one patient's stubs when their NHS number is given. */
  @WithSession
  public Uni<List<DestructionRecord>> log(NhsNumber patient, int page, int size) {
    if (patient != null) {
      audit.patient(patient);
    }
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> patient == null ? Uni.createFrom().<String>nullItem() : hashes.of(patient.value()))
        .chain(hash -> log.page(hash, page, size));
  }
}
