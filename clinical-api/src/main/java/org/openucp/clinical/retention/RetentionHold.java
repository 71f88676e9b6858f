package org.openucp.clinical.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A hold on a patient's records (litigation, a serious incident, an inquest): while it is active nothing of theirs
 * is destroyed, whatever the schedule and any appraisal say, their audit events included. Or a hold on one record (a
 * complaint, an incident, a plan), for a record that names no patient or should be held alone; exactly one of the two.
 */
@Entity
@Table(name = "retention_hold")
public class RetentionHold extends PanacheEntityBase {

  /** Why the records are held. */
  @Schema(name = "HoldKind")
  public enum Kind {
    LEGAL, SERIOUS_INCIDENT, INQUEST, OTHER
  }

  /** The kinds of record a hold may be placed on by itself. */
  public enum RecordKind {
    PLAN, COMPLAINT, INCIDENT
  }

  @Id
  public UUID id;
  /** The patient whose records are held; null for a hold on one record. */
  @Column(name = "nhs_number")
  public String nhsNumber;
  /** The one record held (a plan's, complaint's or breach's id); null for a hold on a patient's records. */
  @Column(name = "record_id")
  public UUID recordId;
  @Enumerated(EnumType.STRING)
  @Column(name = "record_kind")
  public RecordKind recordKind;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Kind kind;
  @Column(nullable = false)
  public String reason;
  /** The case, claim or incident reference. */
  public String reference;
  @Column(name = "placed_at", nullable = false)
  public Instant placedAt;
  @Column(name = "placed_by", nullable = false)
  public String placedBy;
  @Column(name = "placed_by_name")
  public String placedByName;
  /** The last day the hold applies, if it was placed for a known time; open-ended otherwise. */
  @Column(name = "until_on")
  public LocalDate untilOn;
  @Column(name = "lifted_at")
  public Instant liftedAt;
  @Column(name = "lifted_by")
  public String liftedBy;
  @Column(name = "lift_reason")
  public String liftReason;
  @Version
  public long revision;

  public boolean isActiveOn(LocalDate day) {
    return liftedAt == null && (untilOn == null || !untilOn.isBefore(day));
  }
}
