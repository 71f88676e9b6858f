package org.openucp.clinical.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The patient's own words on a clinical opinion in their plan that they dispute: shown with the plan, never merged. */
@Entity
@Table(name = "patient_comment")
public class PatientComment extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "plan_id", nullable = false)
  public UUID planId;
  @Column(nullable = false)
  public String text;
  @Column(name = "rights_request_id")
  public UUID rightsRequestId;
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
}
