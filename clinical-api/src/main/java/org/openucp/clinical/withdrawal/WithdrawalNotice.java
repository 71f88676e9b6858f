package org.openucp.clinical.withdrawal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** That a patient's consent was withdrawn: pending until the portal has erased what it holds for them. */
@Entity
@Table(name = "withdrawal_notice")
public class WithdrawalNotice extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(name = "withdrawn_at", nullable = false)
  public Instant withdrawnAt;
  @Column(name = "acknowledged_at")
  public Instant acknowledgedAt;
}
