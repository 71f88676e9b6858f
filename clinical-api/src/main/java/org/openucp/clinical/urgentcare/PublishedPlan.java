package org.openucp.clinical.urgentcare;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.openucp.model.plan.PlanContent;

/** What urgent care can find: a published plan, keyed by NHS number and by demographics. */
@Entity
@Table(name = "published_plan")
public class PublishedPlan extends PanacheEntityBase {

  @Id
  @Column(name = "plan_id")
  public UUID planId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  @Column(nullable = false)
  public int version;
  /** The family name as the database keys it for search (generated: see {@code openucp_name_key}). */
  @Column(name = "family_name_key", insertable = false, updatable = false)
  public String familyNameKey;
  /** The same with German umlauts spelt out, so that "mueller" finds Müller (generated). */
  @Column(name = "family_name_spelt_key", insertable = false, updatable = false)
  public String familyNameSpeltKey;
  @Column(name = "date_of_birth")
  public LocalDate dateOfBirth;
  @Column(name = "postcode_key")
  public String postcodeKey;
  @Column(name = "given_name")
  public String givenName;
  @Column(name = "family_name")
  public String familyName;
  public String address;
  public String postcode;
  @Column(name = "planned_review_date")
  public LocalDate plannedReviewDate;
  /** When the CPR decision is to be reviewed: after it, the crisis view shows the decision as expired. */
  @Column(name = "cpr_review_date")
  public LocalDate cprReviewDate;
  @Column(name = "owning_organisation", nullable = false)
  public String owningOrganisation;
  @Column(name = "published_at", nullable = false)
  public Instant publishedAt;
  /** The published version's crisis view as JSON ({@code CrisisViews}), rendered in {@link #crisisViewFormat}. */
  @Column(name = "crisis_view")
  public String crisisView;
  @Column(name = "crisis_view_format")
  public Short crisisViewFormat;

  /** Takes the identifiers of the newly published version. */
  public void describe(PlanContent content) {
    PlanContent.Person person = content.person();
    givenName = person == null ? null : person.givenName();
    familyName = person == null ? null : person.familyName();
    dateOfBirth = person == null ? null : person.dateOfBirth();
    address = person == null ? null : person.address();
    postcode = person == null || person.postcode() == null ? null : person.postcode().value();
    postcodeKey = person == null || person.postcode() == null ? null : person.postcode().compact();
    plannedReviewDate = content.plannedReviewDate();
    cprReviewDate = content.cpr() == null ? null : content.cpr().reviewDate();
  }
}
