package org.openucp.clinical.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A reminder to the owning organisation that a published plan is due, or overdue, for review. */
@Entity
@Table(name = "review_task")
public class ReviewTask extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "plan_id", nullable = false)
  public UUID planId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(nullable = false)
  public String organisation;
  @Column(name = "review_date", nullable = false)
  public LocalDate reviewDate;
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
