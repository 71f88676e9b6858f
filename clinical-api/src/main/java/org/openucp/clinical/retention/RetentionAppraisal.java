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
 * A record whose minimum retention period has ended, on the information governance team's appraisal list: nothing is
 * destroyed without one decided {@link Decision#DESTROY}. "In no circumstances should a record … be automatically
 * destroyed or deleted without appraisal" (Records Management Code).
 */
@Entity
@Table(name = "retention_appraisal")
public class RetentionAppraisal extends PanacheEntityBase {

  /** The three outcomes of an appraisal. */
  @Schema(name = "AppraisalOutcome")
  public enum Decision {
    /** Destroy: the record is no longer needed. */
    DESTROY,
    /** Keep for now, for a stated reason, and appraise again on a review date. */
    KEEP,
    /** Keep permanently (transfer to a Place of Deposit for archiving). */
    PRESERVE
  }

  @Id
  public UUID id;
  @Enumerated(EnumType.STRING)
  @Column(name = "record_class", nullable = false)
  public RecordClass recordClass;
  @Column(name = "record_id", nullable = false)
  public UUID recordId;
  /** The patient; cleared once the record is destroyed (the destruction log keeps a keyed hash). */
  @Column(name = "nhs_number")
  public String nhsNumber;
  @Enumerated(EnumType.STRING)
  @Column(name = "retention_trigger", nullable = false)
  public RetentionTrigger retentionTrigger;
  @Column(name = "retention_started_on", nullable = false)
  public LocalDate retentionStartedOn;
  @Column(name = "minimum_ends_on", nullable = false)
  public LocalDate minimumEndsOn;
  /** When the appraisal fell due: the end of the minimum period, or the review date of an earlier KEEP. */
  @Column(name = "due_on", nullable = false)
  public LocalDate dueOn;
  /** How the minimum period was worked out, for the appraiser to check. */
  @Column(nullable = false)
  public String basis;
  @Column(name = "listed_at", nullable = false)
  public Instant listedAt;
  @Enumerated(EnumType.STRING)
  public Decision decision;
  public String reason;
  @Column(name = "review_on")
  public LocalDate reviewOn;
  @Column(name = "decided_at")
  public Instant decidedAt;
  @Column(name = "decided_by")
  public String decidedBy;
  @Column(name = "decided_by_name")
  public String decidedByName;
  @Column(name = "destroyed_at")
  public Instant destroyedAt;
  @Version
  public long revision;

  public boolean isOpen() {
    return decision == null;
  }
}
