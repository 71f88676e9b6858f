package org.openucp.clinical.breach;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A patient a breach affected, and how they were found. */
@Entity
@Table(name = "breach_affected_patient")
@IdClass(AffectedPatient.Key.class)
public class AffectedPatient extends PanacheEntityBase {

  /** How the patient came to be listed. */
  @Schema(name = "AffectedPatientSource")
  public enum Source {
    /** A search of the audit trail found an access to their data. */
    AUDIT,
    /** Added by hand. */
    MANUAL
  }

  @Id
  @Column(name = "breach_id")
  public UUID breachId;
  @Id
  @Column(name = "nhs_number")
  public String nhsNumber;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Source source;
  @Column(name = "added_at", nullable = false)
  public Instant addedAt;
  @Column(name = "added_by", nullable = false)
  public String addedBy;

  /** One row per breach and patient. */
  public static class Key implements Serializable {

    public UUID breachId;
    public String nhsNumber;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(breachId, key.breachId)
          && Objects.equals(nhsNumber, key.nhsNumber);
    }

    @Override
    public int hashCode() {
      return Objects.hash(breachId, nhsNumber);
    }
  }
}
