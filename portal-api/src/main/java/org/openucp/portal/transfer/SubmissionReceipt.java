package org.openucp.portal.transfer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** That a patient submitted a draft, and when it reached the clinical team: kept after the draft itself is gone. */
@Entity
@Table(name = "submission_receipt")
public class SubmissionReceipt extends PanacheEntityBase {

  @Id
  @Column(name = "draft_id")
  public UUID draftId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(name = "submitted_at", nullable = false)
  public Instant submittedAt;
  @Column(name = "delivered_at")
  public Instant deliveredAt;
  @Column(name = "clinical_submission_id")
  public UUID clinicalSubmissionId;
  /** When withdrawal of consent erased the submission: the receipt then says only that. */
  @Column(name = "erased_at")
  public Instant erasedAt;
}
