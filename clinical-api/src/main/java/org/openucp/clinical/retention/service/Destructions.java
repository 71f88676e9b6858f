package org.openucp.clinical.retention.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.breach.repository.AffectedPatientRepository;
import org.openucp.clinical.breach.repository.BreachRepository;
import org.openucp.clinical.breach.repository.LiaisonRepository;
import org.openucp.clinical.breach.repository.RegulatorDecisionRepository;
import org.openucp.clinical.complaint.repository.ComplaintRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.service.PublicationEffects;
import org.openucp.clinical.retention.DestructionPatient;
import org.openucp.clinical.retention.DestructionRecord;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.repository.DestructionLogRepository;
import org.openucp.clinical.retention.repository.RetentionAppraisalRepository;
import org.openucp.clinical.retention.repository.RetentionHoldRepository;
import org.openucp.clinical.retention.service.RetentionSchedule.Retention;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * Destroys a record that an appraisal approved for destruction, and leaves its metadata stub in the destruction log.
 * Refused while a hold is on the record, or on the records of a patient it names, and when the record's minimum period,
 * worked out again now, has not ended (a plan back in use since it was appraised, an incident marked serious since).
 * A plan goes with everything the database deletes with it (versions, draft, consent, attachments, care team, death
 * record, urgent care index entry, NRL pointers, review tasks), the submissions that were taken into it, and the
 * identifier feed is told, as for consent withdrawal; a complaint goes alone; a breach-register incident goes with its
 * affected patients and records, audit searches, liaisons and decisions. Each in one transaction with its stub.
 */
@ApplicationScoped
public class Destructions {

  /** How a plan is destroyed, as the stub says. */
  static final String PLAN_METHOD = "Deleted from the clinical database in one transaction (plan, versions, draft, "
      + "consent, attachments, care team, death record, urgent care index entry, NRL pointers, review tasks, "
      + "submissions taken into the plan); REMOVED sent on the identifier feed. Database backups holding it expire "
      + "with the backup rotation.";

  /** How a complaint is destroyed. */
  static final String COMPLAINT_METHOD = "Deleted from the complaint log in one transaction (complainant, contact, "
      + "the patient and organisation concerned, summary, outcome). Database backups holding it expire with the "
      + "backup rotation.";

  /** How a breach-register incident is destroyed. */
  static final String INCIDENT_METHOD = "Deleted from the breach register in one transaction (the entry, its "
      + "affected patients and records, audit searches, liaisons with care providers, decisions on notifying the "
      + "ICO, notice to patients). Database backups holding it expire with the backup rotation.";

  private final RetentionAppraisalRepository appraisals;
  private final RetentionHoldRepository holds;
  private final DestructionLogRepository log;
  private final CarePlanRepository plans;
  private final AttachmentRepository attachments;
  private final ComplaintRepository complaints;
  private final BreachRepository breaches;
  private final AffectedPatientRepository affected;
  private final RegulatorDecisionRepository decisions;
  private final LiaisonRepository liaisons;
  private final PublicationEffects effects;
  private final PlanRetentions retentions;
  private final RetentionSchedule schedule;
  private final StubHashes hashes;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public Destructions(RetentionAppraisalRepository appraisals, RetentionHoldRepository holds,
      DestructionLogRepository log, CarePlanRepository plans, AttachmentRepository attachments,
      ComplaintRepository complaints, BreachRepository breaches, AffectedPatientRepository affected,
      RegulatorDecisionRepository decisions, LiaisonRepository liaisons, PublicationEffects effects,
      PlanRetentions retentions, RetentionSchedule schedule, StubHashes hashes, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.appraisals = appraisals;
    this.holds = holds;
    this.log = log;
    this.plans = plans;
    this.attachments = attachments;
    this.complaints = complaints;
    this.breaches = breaches;
    this.affected = affected;
    this.decisions = decisions;
    this.liaisons = liaisons;
    this.effects = effects;
    this.retentions = retentions;
    this.schedule = schedule;
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
          if (RetentionAppraisals.ofPlan(appraisal)) {
            audit.plan(appraisal.recordId, null);
          }
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
          return switch (appraisal.recordClass) {
            case ADULT_PLAN, CHILD_PLAN -> destroyPlan(staff, appraisal);
            case COMPLAINT -> destroyComplaint(staff, appraisal);
            case INCIDENT, SERIOUS_INCIDENT -> destroyIncident(staff, appraisal);
            case AUDIT_TRAIL -> throw ProblemException.conflict("not-destroyed-here", "Not destroyed here",
                "The audit trail is destroyed through POST /retention/audit-trail/destruction");
          };
        }));
  }

  private Uni<DestructionRecord> destroyPlan(StaffMember staff, RetentionAppraisal appraisal) {
    LocalDate today = LocalDate.now(clock);
    return plans.findById(appraisal.recordId, LockModeType.PESSIMISTIC_WRITE).chain(plan -> {
      if (plan == null) {
        throw recordGone("The plan was already deleted (consent withdrawn, say): there is nothing to destroy");
      }
      return holds.activeOn(List.of(plan.nhsNumber), plan.id, today).chain(active -> {
        if (!active.isEmpty()) {
          throw RetentionProblems.onHold(active);
        }
        return retentions.factsOf(plan.id);
      }).chain(facts -> {
        Retention now = retentions.retentionOf(facts);
        if (!now.endedBy(today)) {
          throw ProblemException.conflict("retention-not-ended", "Back in use since the appraisal",
              "The plan was used or changed since it was appraised (" + now.basis()
                  + "): its minimum retention now ends on " + now.endsOn() + ". Nothing was destroyed.");
        }
        return destroyPlan(staff, appraisal, plan, now);
      });
    });
  }

  private Uni<DestructionRecord> destroyPlan(StaffMember staff, RetentionAppraisal appraisal, CarePlan plan,
      Retention retention) {
    int versions = plan.latestVersion;
    boolean draft = plan.hasDraft();
    return attachments.countFor(plan.id).chain(attachmentCount -> hashes.of(plan.nhsNumber).chain(hash ->
        effects.withdrawn(plan)
            .chain(() -> deleteSubmissionsTakenInto(plan.id))
            .chain(submissions -> plans.deleteWithEverything(plan.id)
                .call(() -> forgetPatientInAppraisalsOf(plan.id)).chain(() -> {
              DestructionRecord stub = stub(staff, appraisal, retention, plan.id, hash, plan.createdAt);
              stub.method = PLAN_METHOD;
              stub.contents = versions + " published version(s), " + (draft ? "a draft" : "no draft") + ", "
                  + attachmentCount + " attachment(s), " + submissions + " submission(s) taken in";
              return log.persist(stub);
            }))));
  }

  /** A closed complaint, once its period from closure has ended and no hold is on it or on its patient. */
  private Uni<DestructionRecord> destroyComplaint(StaffMember staff, RetentionAppraisal appraisal) {
    LocalDate today = LocalDate.now(clock);
    return complaints.findById(appraisal.recordId, LockModeType.PESSIMISTIC_WRITE).chain(complaint -> {
      if (complaint == null) {
        throw recordGone("The complaint is no longer in the complaint log: there is nothing to destroy");
      }
      String patient = complaint.nhsNumber == null ? null : complaint.nhsNumber.strip();
      return holds.activeOn(patient == null ? List.of() : List.of(patient), complaint.id, today).chain(active -> {
        if (!active.isEmpty()) {
          throw RetentionProblems.onHold(active);
        }
        Retention now = complaint.closedAt == null ? null : schedule.forComplaint(complaint.closedAt);
        if (now == null || !now.endedBy(today)) {
          throw ProblemException.conflict("retention-not-ended", "Its minimum retention has not ended",
              "The complaint's minimum retention " + (now == null ? "has not started: it is open"
                  : "now ends on " + now.endsOn() + " (" + now.basis() + ")") + ". Nothing was destroyed.");
        }
        return (patient == null ? Uni.createFrom().<String>nullItem() : hashes.of(patient)).chain(hash -> complaints
            .delete("id = ?1 and revision = ?2", complaint.id, complaint.revision).invoke(Versions::checkDeleted)
            .call(() -> forgetPatientInAppraisalsOf(complaint.id))
            .chain(() -> {
              DestructionRecord stub = stub(staff, appraisal, now, complaint.id, hash, complaint.receivedAt);
              stub.method = COMPLAINT_METHOD;
              stub.contents = "1 complaint, received on " + LocalDate.ofInstant(complaint.receivedAt,
                  RetentionSchedule.ENGLAND) + " and closed on " + now.startedOn()
                  + (patient == null ? ", naming no patient" : ", concerning one patient")
                  + (complaint.organisation == null ? "" : " and organisation " + complaint.organisation);
              return log.persist(stub);
            }));
      });
    });
  }

  /**
   * A breach-register incident, once its period from the incident has ended (the serious incidents' longer one if it
   * is serious now) and no hold is on it or on any patient it lists as affected. The stub names each affected patient
   * as a keyed hash, and is written before the entry is deleted: the database lets the ICO decisions go only then.
   */
  private Uni<DestructionRecord> destroyIncident(StaffMember staff, RetentionAppraisal appraisal) {
    LocalDate today = LocalDate.now(clock);
    return breaches.findForUpdate(appraisal.recordId).chain(breach -> {
      if (breach == null) {
        throw recordGone("The incident is no longer in the breach register: there is nothing to destroy");
      }
      return holds.activeOnIncident(breach.id, today).chain(active -> {
        if (!active.isEmpty()) {
          throw RetentionProblems.onHold(active);
        }
        Retention now = schedule.forIncident(breach.occurredAt, breach.awareAt, breach.seriousIncident,
            breach.notifiable());
        if (!now.endedBy(today)) {
          throw ProblemException.conflict("retention-not-ended", "Its minimum retention has not ended",
              "The incident changed since it was appraised (" + now.basis() + "): its minimum retention now ends "
                  + "on " + now.endsOn() + ". Nothing was destroyed.");
        }
        return affected.of(breach.id).chain(patients -> affected.recordsByPatient(breach.id).chain(records ->
            decisions.of(breach.id).chain(taken -> liaisons.of(breach.id).chain(liaised -> Multi.createFrom()
                .iterable(patients).onItem().transformToUniAndConcatenate(patient -> hashes.of(patient.nhsNumber
                    .strip()))
                .collect().asList()
                .chain(patientHashes -> {
                  DestructionRecord stub = stub(staff, appraisal, now, breach.id, null, breach.recordedAt);
                  stub.method = INCIDENT_METHOD;
                  stub.contents = "1 " + (now.recordClass() == RecordClass.SERIOUS_INCIDENT ? "serious " : "")
                      + "incident (" + breach.category.name().toLowerCase(Locale.ROOT) + "), "
                      + patients.size() + " affected patient(s), "
                      + records.values().stream().mapToLong(Long::longValue).sum() + " affected record(s), "
                      + taken.size() + " decision(s) on notifying the ICO, " + liaised.size() + " liaison(s)"
                      + (breach.noticeText == null ? "" : ", a notice to patients");
                  return log.persistAndFlush(stub).chain(written -> Panache.getSession()
                      .chain(session -> session.persistAll(patientHashes.stream()
                          .map(hash -> DestructionPatient.of(written.id, hash)).toArray()))
                      .chain(() -> Panache.getSession().chain(session -> session.flush()))
                      .chain(() -> breaches.deleteWithEverything(breach.id))
                      .map(deleted -> written));
                })))));
      });
    });
  }

  /**
   * The stub for a record destroyed now on the appraisal, which is marked destroyed and no longer names the patient.
   */
  private DestructionRecord stub(StaffMember staff, RetentionAppraisal appraisal, Retention retention, UUID recordId,
      String nhsNumberHash, Instant recordCreatedAt) {
    Instant at = clock.instant();
    appraisal.destroyedAt = at;
    appraisal.nhsNumber = null;
    DestructionRecord stub = new DestructionRecord();
    stub.id = UUID.randomUUID();
    stub.recordClass = retention.recordClass();
    stub.recordId = recordId.toString();
    stub.nhsNumberHash = nhsNumberHash;
    stub.recordCreatedAt = recordCreatedAt;
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
    return stub;
  }

  private static ProblemException recordGone(String detail) {
    return ProblemException.conflict("record-gone", "The record is no longer held", detail);
  }

  /** Earlier appraisals of the record (kept, then listed again) no longer name the patient either. */
  private static Uni<Integer> forgetPatientInAppraisalsOf(UUID recordId) {
    return Panache.getSession().chain(session -> session
        .createNativeQuery("UPDATE retention_appraisal SET nhs_number = NULL WHERE record_id = :record")
        .setParameter("record", recordId)
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
  public Uni<Slice<DestructionRecord>> log(NhsNumber patient, int page, int size) {
    if (patient != null) {
      audit.patient(patient);
    }
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> patient == null ? Uni.createFrom().<String>nullItem() : hashes.of(patient.value()))
        .chain(hash -> log.page(hash, page, size));
  }
}
