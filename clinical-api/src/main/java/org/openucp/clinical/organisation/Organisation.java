package org.openucp.clinical.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * An organisation that has joined, or is joining, with its information sharing agreement (ISA), its Data Security and
 * Protection Toolkit (DSPT) status, and whom to contact about a data security incident.
 */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

  @Id
  @Column(name = "ods_code")
  public String odsCode;
  @Column(nullable = false)
  public String name;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public OrganisationType type;
  @Column(name = "isa_signed_on")
  public LocalDate agreementSignedOn;
  @Column(name = "isa_caldicott_guardian")
  public String caldicottGuardian;
  @Column(name = "isa_expires_on")
  public LocalDate agreementExpiresOn;
  @Column(name = "isa_suspended_on")
  public LocalDate agreementSuspendedOn;
  /** The toolkit status last recorded; null until one is (then the organisation's staff are refused). */
  @Enumerated(EnumType.STRING)
  @Column(name = "dspt_status")
  public DsptStatus dsptStatus;
  /** The day the toolkit published that status: the assessment counts for a year (plus a grace) from it. */
  @Column(name = "dspt_published_on")
  public LocalDate dsptPublishedOn;
  @Column(name = "incident_contact_name")
  public String incidentContactName;
  @Column(name = "incident_contact_email")
  public String incidentContactEmail;
  @Column(name = "incident_contact_telephone")
  public String incidentContactTelephone;
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The kinds of organisation that complete plans from patients' submissions: GP practices and care teams. */
  public static final Set<OrganisationType> RECEIVING_SUBMISSIONS = EnumSet.of(
      OrganisationType.GP_PRACTICE, OrganisationType.COMMUNITY_PROVIDER, OrganisationType.HOSPICE);

  /** Whom to contact about a data security incident concerning the organisation, or null when none is recorded. */
  public IncidentContact incidentContact() {
    if (incidentContactName == null) {
      return null;
    }
    return new IncidentContact(incidentContactName, incidentContactEmail, incidentContactTelephone);
  }

  /** Records whom to contact about an incident; null clears it. */
  public void incidentContact(IncidentContact contact) {
    incidentContactName = contact == null ? null : contact.name();
    incidentContactEmail = contact == null ? null : contact.email();
    incidentContactTelephone = contact == null ? null : contact.telephone();
  }

  /** Why the organisation's staff may not use the service today, or null when its agreement is in force. */
  public String agreementProblem(LocalDate today) {
    if (agreementSignedOn == null || agreementSignedOn.isAfter(today)) {
      return "has no information sharing agreement in force";
    }
    if (agreementSuspendedOn != null && !agreementSuspendedOn.isAfter(today)) {
      return "has its information sharing agreement suspended";
    }
    if (agreementExpiresOn != null && !agreementExpiresOn.isAfter(today)) {
      return "has an information sharing agreement that expired on " + agreementExpiresOn;
    }
    return null;
  }
}
