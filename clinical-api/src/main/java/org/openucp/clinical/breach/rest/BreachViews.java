package org.openucp.clinical.breach.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.breach.AffectedPatient;
import org.openucp.clinical.breach.AuditSearch;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.breach.BreachCategory;
import org.openucp.clinical.breach.Liaison;
import org.openucp.clinical.breach.NoticeExemption;
import org.openucp.clinical.breach.RegulatorDecision;
import org.openucp.clinical.breach.service.BreachRegister;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.service.RetentionSchedule;

/** The breach register as its API shows it. */
public final class BreachViews {

  private BreachViews() {
  }

  /** Where the ICO notification stands. */
  public enum RegulatorStatus {
    /** No decision yet: the clock runs. */
    AWAITING_DECISION,
    /** Decided to notify, not yet done: the clock runs. */
    TO_BE_NOTIFIED,
    NOTIFIED,
    /** Decided not to notify, with the reason. */
    NOT_NOTIFIED
  }

  static RegulatorStatus status(Breach breach) {
    if (breach.notifyRegulator == null) {
      return RegulatorStatus.AWAITING_DECISION;
    }
    if (!breach.notifyRegulator) {
      return RegulatorStatus.NOT_NOTIFIED;
    }
    return breach.regulatorNotifiedAt == null ? RegulatorStatus.TO_BE_NOTIFIED : RegulatorStatus.NOTIFIED;
  }

  /** A line of the register: no patient is shown. */
  public record BreachSummary(UUID id, long revision, BreachCategory category, String whatHappened,
      Instant occurredAt, Instant awareAt, Instant recordedAt, RegulatorStatus regulatorStatus,
      Instant regulatorDueAt, boolean regulatorOverdue, long affectedPatientCount, Boolean highRisk,
      @Schema(description = "Marked a serious incident") boolean seriousIncident) {

    static BreachSummary of(BreachRegister.Listing listing) {
      Breach breach = listing.breach();
      return new BreachSummary(breach.id, breach.revision, breach.category, breach.whatHappened, breach.occurredAt,
          breach.awareAt, breach.recordedAt, status(breach), listing.regulatorDueAt(),
          breach.regulatorClockRunning() && listing.regulatorDueAt().isBefore(listing.now()),
          listing.patients(), breach.highRisk, breach.seriousIncident);
    }
  }

  /** Whether the breach is marked a serious incident: by whom, when and why. */
  public record SeriousnessView(boolean serious, String reason, Instant decidedAt, String decidedBy) {

    static SeriousnessView of(Breach breach) {
      return new SeriousnessView(breach.seriousIncident, breach.seriousReason, breach.seriousDecidedAt,
          breach.seriousDecidedBy);
    }
  }

  /** How long the entry is kept at least, by the retention schedule, before it is appraised. */
  public record RetentionView(
      @Schema(description = "INCIDENT, or SERIOUS_INCIDENT when marked serious or the ICO is to be notified")
      RecordClass recordClass, LocalDate startedOn, LocalDate minimumEndsOn, String basis) {

    static RetentionView of(RetentionSchedule.Retention retention) {
      return new RetentionView(retention.recordClass(), retention.startedOn(), retention.endsOn(),
          retention.basis());
    }
  }

  /** The ICO notification: its deadline, where it stands, and the current decision. */
  public record RegulatorView(
      @Schema(description = "awareAt plus the configured deadline (72 hours)") Instant dueAt,
      RegulatorStatus status,
      @Schema(description = "No decision yet, or a decision to notify not yet carried out") boolean clockRunning,
      @Schema(description = "The clock runs and the deadline has passed") boolean overdue,
      @JsonProperty("notify") Boolean notifies, String reason, Instant decidedAt, String decidedBy, Instant notifiedAt,
      @Schema(description = "Notified after the deadline") boolean notifiedLate, String delayReason,
      String reference) {

    static RegulatorView of(Breach breach, Instant dueAt, Instant now) {
      return new RegulatorView(dueAt, BreachViews.status(breach), breach.regulatorClockRunning(),
          breach.regulatorClockRunning() && dueAt.isBefore(now), breach.notifyRegulator, breach.regulatorReason,
          breach.regulatorDecidedAt, breach.regulatorDecidedBy, breach.regulatorNotifiedAt,
          breach.regulatorNotifiedAt != null && breach.regulatorNotifiedAt.isAfter(dueAt),
          breach.regulatorDelayReason, breach.regulatorReference);
    }
  }

  /** One decision on notifying the ICO, as taken. */
  public record DecisionView(Instant decidedAt, String decidedBy, @JsonProperty("notify") boolean notifies,
      String reason,
      Instant notifiedAt, String delayReason, String reference) {

    static DecisionView of(RegulatorDecision decision) {
      return new DecisionView(decision.decidedAt, decision.decidedBy, decision.notify, decision.reason,
          decision.notifiedAt, decision.delayReason, decision.reference);
    }
  }

  /** A patient the breach affected, how they were found, and how many of their records (accesses) it touched. */
  public record AffectedPatientView(String nhsNumber, AffectedPatient.Source source, long records, Instant addedAt,
      String addedBy) {
  }

  /** A search of the audit trail that attached patients: what was asked, what it found. */
  public record AuditSearchView(Instant runAt, String runBy, String userId, String organisation, Instant from,
      Instant to, String action, int patientsFound, int recordsFound) {

    static AuditSearchView of(AuditSearch search) {
      return new AuditSearchView(search.runAt, search.runBy, search.userId, search.organisation, search.fromTime,
          search.toTime, search.action, search.patientsFound, search.recordsFound);
    }
  }

  /** A care provider the operator liaised with. */
  public record LiaisonView(String organisation, Instant liaisedAt, String contact, String notes,
      Instant recordedAt, String recordedBy) {

    static LiaisonView of(Liaison liaison) {
      return new LiaisonView(liaison.organisation, liaison.liaisedAt, liaison.contact, liaison.notes,
          liaison.recordedAt, liaison.recordedBy);
    }
  }

  /** The assessment of the risk to patients and, when they must be told, the notice the care providers send. */
  public record PatientNoticeView(boolean highRisk, NoticeExemption exemption, String reason,
      @Schema(description = "Who the notice is for; none when no notice is sent") Breach.NoticeAudience audience,
      @Schema(description = "The plain-language notice; none when no notice is sent") String text,
      Instant assessedAt, String assessedBy) {

    static PatientNoticeView of(Breach breach) {
      return breach.highRisk == null ? null : new PatientNoticeView(breach.highRisk, breach.noticeExemption,
          breach.noticeReason, breach.noticeAudience, breach.noticeText, breach.noticeAssessedAt,
          breach.noticeAssessedBy);
    }
  }

  /** A breach with everything the register holds about it; its patients are audited as shown. */
  public record BreachView(UUID id, long revision, BreachCategory category, String whatHappened,
      Instant occurredAt,
      @Schema(description = "When the operator became aware: the ICO clock starts") Instant awareAt,
      String likelyConsequences, String measuresTaken, Integer approximatePatients, Integer approximateRecords,
      Instant recordedAt, String recordedBy, Instant updatedAt, String updatedBy, RegulatorView regulator,
      List<DecisionView> regulatorDecisions, int affectedPatientCount,
      @Schema(description = "Accesses found in the audit trail") long affectedRecordCount,
      List<AffectedPatientView> affectedPatients, List<AuditSearchView> auditSearches,
      List<LiaisonView> liaisons, PatientNoticeView patientNotice, SeriousnessView seriousIncident,
      RetentionView retention) {

    static BreachView of(BreachRegister.Detail detail) {
      Breach breach = detail.breach();
      List<AffectedPatientView> patients = detail.patients().stream()
          .map(patient -> new AffectedPatientView(patient.nhsNumber, patient.source,
              detail.recordsByPatient().getOrDefault(patient.nhsNumber, 0L), patient.addedAt, patient.addedBy))
          .toList();
      long records = detail.recordsByPatient().values().stream().mapToLong(Long::longValue).sum();
      return new BreachView(breach.id, breach.revision, breach.category, breach.whatHappened, breach.occurredAt,
          breach.awareAt, breach.likelyConsequences, breach.measuresTaken, breach.approximatePatients,
          breach.approximateRecords, breach.recordedAt, breach.recordedBy, breach.updatedAt, breach.updatedBy,
          RegulatorView.of(breach, detail.regulatorDueAt(), detail.now()),
          detail.decisions().stream().map(DecisionView::of).toList(), patients.size(), records, patients,
          detail.searches().stream().map(AuditSearchView::of).toList(),
          detail.liaisons().stream().map(LiaisonView::of).toList(), PatientNoticeView.of(breach),
          SeriousnessView.of(breach), RetentionView.of(detail.retention()));
    }
  }
}
