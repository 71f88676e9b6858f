package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A search of the audit trail that attached patients to a breach: what was asked and what it found. */
@Entity
@Table(name = "breach_audit_search")
public class AuditSearch extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "breach_id", nullable = false)
  public UUID breachId;
  @Column(name = "run_at", nullable = false)
  public Instant runAt;
  @Column(name = "run_by", nullable = false)
  public String runBy;
  @Column(name = "user_id")
  public String userId;
  public String organisation;
  @Column(name = "from_time", nullable = false)
  public Instant fromTime;
  @Column(name = "to_time", nullable = false)
  public Instant toTime;
  public String action;
  @Column(name = "patients_found", nullable = false)
  public int patientsFound;
  @Column(name = "records_found", nullable = false)
  public int recordsFound;
}
