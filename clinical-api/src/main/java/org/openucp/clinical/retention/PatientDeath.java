package org.openucp.clinical.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The person died: when, and how the care team knows. Part of the plan (deleted with it); the plan's retention then
 * counts from the death.
 */
@Entity
@Table(name = "patient_death")
public class PatientDeath extends PanacheEntityBase {

  /** Where the care team learnt of the death. */
  @Schema(name = "DeathSource")
  public enum Source {
    /** The NHS Spine (Personal Demographics Service) shows the person as deceased. */
    NHS_SPINE,
    GP_RECORD,
    HOSPITAL,
    CORONER,
    FAMILY_OR_CARER,
    /** A member of the care team confirmed or verified the death themselves. */
    CARE_TEAM,
    OTHER
  }

  @Id
  @Column(name = "nhs_number")
  public String nhsNumber;
  @Column(name = "plan_id", nullable = false)
  public UUID planId;
  @Column(name = "died_on", nullable = false)
  public LocalDate diedOn;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Source source;
  @Column(name = "source_detail")
  public String sourceDetail;
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
  @Column(name = "recorded_by_name")
  public String recordedByName;
  @Column(nullable = false)
  public String organisation;
  @Version
  public long revision;
}
