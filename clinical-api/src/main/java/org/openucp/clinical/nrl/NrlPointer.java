package org.openucp.clinical.nrl;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A National Record Locator pointer to one published version of a plan. */
@Entity
@Table(name = "nrl_pointer")
public class NrlPointer extends PanacheEntityBase {

  public static final String CURRENT = "current";
  public static final String SUPERSEDED = "superseded";

  @Id
  public UUID id;
  @Column(name = "plan_id", nullable = false)
  public UUID planId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(nullable = false)
  public int version;
  @Column(nullable = false)
  public String status;
  public UUID replaces;
  @Column(nullable = false)
  public String custodian;
  @Column(nullable = false)
  public String author;
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
