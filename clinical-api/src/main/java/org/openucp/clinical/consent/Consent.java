package org.openucp.clinical.consent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.model.care.ConsentBasis;

/** The lawful basis on which a plan is held: without it a plan cannot be published. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

  @Id
  @Column(name = "plan_id")
  public UUID planId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ConsentBasis basis;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
  @Column(name = "recorded_by_name")
  public String recordedByName;
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
  public String notes;

  /** Records the basis as stated now by this member of staff, replacing what was recorded before. */
  public Consent recordedBy(StaffMember staff, ConsentBasis statedBasis, String statedNotes, Instant at) {
    basis = statedBasis;
    notes = statedNotes;
    recordedBy = staff.id();
    recordedByName = staff.name();
    recordedAt = at;
    return this;
  }
}
