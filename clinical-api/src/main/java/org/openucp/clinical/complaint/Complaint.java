package org.openucp.clinical.complaint;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A complaint about the service, kept apart from any patient's record (withdrawing consent leaves it), for its own
 * retention period from when it was closed (the retention schedule's, clinical.retention.complaint-minimum), until an
 * appraisal decides to destroy it.
 */
@Entity
@Table(name = "complaint")
public class Complaint extends PanacheEntityBase {

  @Schema(name = "ComplaintStatus")
  public enum Status {
    OPEN, CLOSED
  }

  @Id
  public UUID id;
  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
  @Column(nullable = false)
  public String complainant;
  public String contact;
  /** The patient it concerns, if any: kept as a number, not a link, so that it outlives the plan. */
  @Column(name = "nhs_number")
  public String nhsNumber;
  /** The organisation it concerns, if any. */
  public String organisation;
  @Column(nullable = false)
  public String summary;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
  public String outcome;
  @Column(name = "closed_at")
  public Instant closedAt;
  @Column(name = "closed_by")
  public String closedBy;
  @Version
  public long revision;
}
