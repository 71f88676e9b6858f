package org.openucp.clinical.rights;

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
 * A patient's request to exercise a right over their data, as a case on two clocks: the service's own promise
 * (counted from receipt) and the statutory month (counted from when the requester's identity was verified, extendable
 * by two months with reasons sent to the requester within the first).
 */
@Entity
@Table(name = "rights_request")
public class RightsRequest extends PanacheEntityBase {

  /** The rights of UK GDPR Arts 15 to 21 that a patient may ask this service to act on. */
  @Schema(name = "RightsRequestKind")
  public enum Kind {
    ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, PORTABILITY
  }

  /** How the request reached the service. */
  public enum Channel {
    PORTAL, TELEPHONE, LETTER, EMAIL, IN_PERSON
  }

  /** Open until answered: completed, or refused with reasons and the right to complain. */
  @Schema(name = "RightsRequestStatus")
  public enum Status {
    OPEN, COMPLETED, REFUSED
  }

  @Id
  public UUID id;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Kind kind;
  @Enumerated(EnumType.STRING)
  @Column(name = "received_via", nullable = false)
  public Channel receivedVia;
  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
  @Column(nullable = false)
  public String requester;
  public String details;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
  @Column(name = "service_due_at", nullable = false)
  public Instant serviceDueAt;
  @Column(name = "id_verified_at")
  public Instant idVerifiedAt;
  @Column(name = "id_verified_by")
  public String idVerifiedBy;
  @Column(name = "id_verification")
  public String idVerification;
  @Column(name = "statutory_due_on")
  public LocalDate statutoryDueOn;
  @Column(name = "extended_due_on")
  public LocalDate extendedDueOn;
  @Column(name = "extension_reason")
  public String extensionReason;
  @Column(name = "extension_notified_at")
  public Instant extensionNotifiedAt;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;
  public String handler;
  public String outcome;
  public String reply;
  @Column(name = "replied_at")
  public Instant repliedAt;
  @Column(name = "closed_by")
  public String closedBy;
  @Version
  public long revision;

  /** The day the statutory answer is due: the extended date once extended, nothing before identity is verified. */
  public LocalDate dueOn() {
    return extendedDueOn != null ? extendedDueOn : statutoryDueOn;
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }
}
