package org.openucp.clinical.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * That a patient must be told their consent is needed again under a new privacy notice: pending until the portal
 * reports what it could do, or until consent is given again first. NHS number, notice and dates only.
 */
@Entity
@Table(name = "reconsent_notification")
public class ReconsentNotification extends PanacheEntityBase {

  /** What the portal could do to reach the patient. */
  public enum Outcome {
    /** Emailed at the address the portal knows for the patient. */
    EMAILED,
    /** The portal knows no email address for the patient: their care team's task is the way to reach them. */
    NO_EMAIL_KNOWN,
    /** The email could not be sent; not retried, so that nobody gets it twice. */
    SEND_FAILED
  }

  @Id
  public UUID id;
  /** The plan it is about: the notification goes with it (withdrawal, destruction). */
  @Column(name = "plan_id", nullable = false)
  public UUID planId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(name = "notice_id", nullable = false)
  public UUID noticeId;
  @Column(name = "due_at", nullable = false)
  public Instant dueAt;
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
  @Enumerated(EnumType.STRING)
  public Outcome outcome;
  @Column(name = "outcome_at")
  public Instant outcomeAt;
  @Column(name = "superseded_at")
  public Instant supersededAt;
}
