package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * An entry in the operator's breach register: what happened, when the operator became aware (the ICO's clock), the
 * likely consequences and measures, the current decision on notifying the ICO, and the assessment of the risk to
 * patients with the notice they are sent. The revision moves on with every change and is the entry's ETag.
 */
@Entity
@Table(name = "breach")
public class Breach extends PanacheEntityBase {

  @Id
  public UUID id;
  @Version
  public long revision;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public BreachCategory category;
  @Column(name = "what_happened", nullable = false)
  public String whatHappened;
  @Column(name = "occurred_at")
  public Instant occurredAt;
  @Column(name = "aware_at", nullable = false)
  public Instant awareAt;
  @Column(name = "likely_consequences")
  public String likelyConsequences;
  @Column(name = "measures_taken")
  public String measuresTaken;
  @Column(name = "approximate_patients")
  public Integer approximatePatients;
  @Column(name = "approximate_records")
  public Integer approximateRecords;
  @Column(name = "recorded_at", nullable = false, updatable = false)
  public Instant recordedAt;
  @Column(name = "recorded_by", nullable = false, updatable = false)
  public String recordedBy;
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** Null until a decision is recorded. */
  @Column(name = "notify_regulator")
  public Boolean notifyRegulator;
  @Column(name = "regulator_reason")
  public String regulatorReason;
  @Column(name = "regulator_decided_at")
  public Instant regulatorDecidedAt;
  @Column(name = "regulator_decided_by")
  public String regulatorDecidedBy;
  @Column(name = "regulator_notified_at")
  public Instant regulatorNotifiedAt;
  @Column(name = "regulator_delay_reason")
  public String regulatorDelayReason;
  @Column(name = "regulator_reference")
  public String regulatorReference;

  /** Null until the risk to patients is assessed. */
  @Column(name = "high_risk")
  public Boolean highRisk;
  @Enumerated(EnumType.STRING)
  @Column(name = "notice_exemption")
  public NoticeExemption noticeExemption;
  @Column(name = "notice_reason")
  public String noticeReason;
  @Enumerated(EnumType.STRING)
  @Column(name = "notice_audience")
  public NoticeAudience noticeAudience;
  @Column(name = "notice_text")
  public String noticeText;
  @Column(name = "notice_assessed_at")
  public Instant noticeAssessedAt;
  @Column(name = "notice_assessed_by")
  public String noticeAssessedBy;

  /**
   * Marked a serious incident by information governance: kept as one (20 years rather than 10), as is a breach the
   * ICO is to be notified of. Who decided, when and why.
   */
  @Column(name = "serious_incident", nullable = false)
  public boolean seriousIncident;
  @Column(name = "serious_reason")
  public String seriousReason;
  @Column(name = "serious_decided_at")
  public Instant seriousDecidedAt;
  @Column(name = "serious_decided_by")
  public String seriousDecidedBy;

  /** Who a generated notice is addressed to. */
  public enum NoticeAudience {
    /** Each affected patient, through their care provider (Art 34(1)). */
    AFFECTED_PATIENTS,
    /** Everyone, as a public communication, when telling each patient would take disproportionate effort. */
    PUBLIC
  }

  /** Whether the ICO clock still runs: no decision yet, or a decision to notify that has not been carried out. */
  public boolean regulatorClockRunning() {
    return notifyRegulator == null || (notifyRegulator && regulatorNotifiedAt == null);
  }

  /** Whether the current decision is to notify the ICO: such a breach is kept as a serious incident. */
  public boolean notifiable() {
    return Boolean.TRUE.equals(notifyRegulator);
  }

  /** Marks the entry changed, so that its revision moves on. */
  public void touch(Instant at, String by) {
    updatedAt = at;
    updatedBy = by;
  }
}
