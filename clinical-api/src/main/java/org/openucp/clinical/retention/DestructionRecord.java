package org.openucp.clinical.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The metadata stub a destruction leaves in the destruction log, kept permanently (the database refuses to update or
 * delete it): which record, of what class, its dates, when and by whom it was destroyed, on what authority and how.
 * It holds no clinical content, and the NHS number only as a keyed hash.
 */
@Entity
@Table(name = "destruction_log")
public class DestructionRecord extends PanacheEntityBase {

  @Id
  public UUID id;
  @Enumerated(EnumType.STRING)
  @Column(name = "record_class", nullable = false, updatable = false)
  public RecordClass recordClass;
  /** The plan's id, or for the audit trail the range of events destroyed. */
  @Column(name = "record_id", nullable = false, updatable = false)
  public String recordId;
  @Column(name = "nhs_number_hash", updatable = false)
  public String nhsNumberHash;
  @Column(name = "record_created_at", updatable = false)
  public Instant recordCreatedAt;
  @Enumerated(EnumType.STRING)
  @Column(name = "retention_trigger", nullable = false, updatable = false)
  public RetentionTrigger retentionTrigger;
  @Column(name = "retention_started_on", updatable = false)
  public LocalDate retentionStartedOn;
  @Column(name = "minimum_ended_on", updatable = false)
  public LocalDate minimumEndedOn;
  @Column(name = "destroyed_at", nullable = false, updatable = false)
  public Instant destroyedAt;
  @Column(name = "destroyed_by", nullable = false, updatable = false)
  public String destroyedBy;
  @Column(name = "destroyed_by_name", updatable = false)
  public String destroyedByName;
  /** The approving appraisal, for a record destroyed on one. */
  @Column(name = "appraisal_id", updatable = false)
  public UUID appraisalId;
  /** Who approved the destruction, when, and why. */
  @Column(nullable = false, updatable = false)
  public String authority;
  @Column(nullable = false, updatable = false)
  public String method;
  /** What was destroyed, counted: versions, attachments and so on. */
  @Column(nullable = false, updatable = false)
  public String contents;
}
