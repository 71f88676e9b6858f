package org.openucp.clinical.withdrawal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A task for a care team to contact a patient, e.g. after they withdrew consent themselves, or to obtain their consent
 * again under a new privacy notice. No clinical content.
 */
@Entity
@Table(name = "follow_up_task")
public class FollowUpTask extends PanacheEntityBase {

  /** The patient withdrew consent through the portal: a clinician talks it through with them. */
  public static final String CONSENT_WITHDRAWN_BY_PATIENT = "CONSENT_WITHDRAWN_BY_PATIENT";
  /**
   * A privacy notice with changed purposes was published: consent is needed again before the plan is restricted.
   * Completed when consent is recorded again, or withdrawn.
   */
  public static final String RECONSENT_REQUIRED = "RECONSENT_REQUIRED";

  @Id
  public UUID id;
  @Column(nullable = false)
  public String organisation;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(nullable = false)
  public String reason;
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
  @Column(name = "completed_at")
  public Instant completedAt;
  @Column(name = "completed_by")
  public String completedBy;
}
