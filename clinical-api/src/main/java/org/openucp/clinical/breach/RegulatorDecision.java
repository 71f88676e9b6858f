package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One decision on notifying the ICO of a breach, as it was taken; never changed. */
@Entity
@Table(name = "breach_regulator_decision")
public class RegulatorDecision extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "breach_id", nullable = false, updatable = false)
  public UUID breachId;
  @Column(name = "decided_at", nullable = false, updatable = false)
  public Instant decidedAt;
  @Column(name = "decided_by", nullable = false, updatable = false)
  public String decidedBy;
  @Column(nullable = false, updatable = false)
  public boolean notify;
  @Column(nullable = false, updatable = false)
  public String reason;
  @Column(name = "notified_at", updatable = false)
  public Instant notifiedAt;
  @Column(name = "delay_reason", updatable = false)
  public String delayReason;
  @Column(updatable = false)
  public String reference;
}
