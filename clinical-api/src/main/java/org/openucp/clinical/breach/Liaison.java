package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A care provider the operator liaised with about a breach: which, when, with whom. */
@Entity
@Table(name = "breach_liaison")
public class Liaison extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "breach_id", nullable = false)
  public UUID breachId;
  @Column(nullable = false)
  public String organisation;
  @Column(name = "liaised_at", nullable = false)
  public Instant liaisedAt;
  @Column(nullable = false)
  public String contact;
  public String notes;
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
}
