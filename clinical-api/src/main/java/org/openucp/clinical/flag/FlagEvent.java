package org.openucp.clinical.flag;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One entry of the identifier feed: a patient's basic identifiers, and whether their plan appeared, changed or went. */
@Entity
@Table(name = "flag_event")
public class FlagEvent extends PanacheEntityBase {

  @Id
  public long seq;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public FlagChange change;
  @Column(name = "given_name")
  public String givenName;
  @Column(name = "family_name")
  public String familyName;
  @Column(name = "date_of_birth")
  public LocalDate dateOfBirth;
  public String address;
  public String postcode;
  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;
}
