package org.openucp.clinical.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A patient a destroyed record named, when it named several (an incident's affected patients), as the keyed hash the
 * stub itself uses: the destruction log then finds the stub for each of them. Kept permanently, like the stub.
 */
@Entity
@Table(name = "destruction_log_patient")
@IdClass(DestructionPatient.Key.class)
public class DestructionPatient extends PanacheEntityBase {

  @Id
  @Column(name = "destruction_id", updatable = false)
  public UUID destructionId;
  @Id
  @Column(name = "nhs_number_hash", updatable = false)
  public String nhsNumberHash;

  public static DestructionPatient of(UUID destructionId, String nhsNumberHash) {
    DestructionPatient patient = new DestructionPatient();
    patient.destructionId = destructionId;
    patient.nhsNumberHash = nhsNumberHash;
    return patient;
  }

  /** One row per stub and patient. */
  public static class Key implements Serializable {

    public UUID destructionId;
    public String nhsNumberHash;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(destructionId, key.destructionId)
          && Objects.equals(nhsNumberHash, key.nhsNumberHash);
    }

    @Override
    public int hashCode() {
      return Objects.hash(destructionId, nhsNumberHash);
    }
  }
}
