package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A record a breach affected: one access to a patient's data, as the audit trail holds it (its sequence number). */
@Entity
@Table(name = "breach_affected_record")
@IdClass(AffectedRecord.Key.class)
public class AffectedRecord extends PanacheEntityBase {

  @Id
  @Column(name = "breach_id")
  public UUID breachId;
  @Id
  @Column(name = "audit_seq")
  public long auditSeq;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;

  /** One row per breach and audit event. */
  public static class Key implements Serializable {

    public UUID breachId;
    public long auditSeq;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(breachId, key.breachId) && auditSeq == key.auditSeq;
    }

    @Override
    public int hashCode() {
      return Objects.hash(breachId, auditSeq);
    }
  }
}
