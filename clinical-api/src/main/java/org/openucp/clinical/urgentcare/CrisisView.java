package org.openucp.clinical.urgentcare;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.plan.PlanContent;

/**
 * What a crew at the door or a call handler needs first, on one phone screen: the CPR decision, how far to
 * escalate, what to do, where the person wants to be, what could harm them, who to call, whether an ADRT exists,
 * and how fresh all this is. The full plan is one more request ({@link Links#fullPlan}).
 */
// Written as JSON by CrisisViews when a version is published, not as a resource's return value, so native images
// need it (and what it holds) registered explicitly.
@RegisterForReflection(registerFullHierarchy = true)
public record CrisisView(
    String nhsNumber,
    String name,
    LocalDate dateOfBirth,
    Banner banner,
    Cpr cpr,
    CeilingOfTreatment ceilingOfTreatment,
    String keyRecommendations,
    PlaceOfCare preferredPlaceOfCare,
    PlaceOfCare preferredPlaceOfDeath,
    PlaceOfCare secondPreferredPlaceOfDeath,
    Boolean noKnownAllergies,
    List<PlanContent.Allergy> allergies,
    List<PlanContent.Medication> keyMedicines,
    PlanContent.AnticipatoryMedicines anticipatoryMedicines,
    List<Contact> contacts,
    Adrt adrt,
    Links links) {

  /** The line above everything: which version, who published it and when, and whether a review is overdue. */
  public record Banner(int version, Instant publishedAt, String publishedBy, String publishedByRole,
      String organisation, Instant lastReviewed, LocalDate plannedReviewDate, boolean reviewOverdue) {
  }

  /** The CPR decision with its SNOMED CT code. */
  public record Cpr(String decision, String snomedCode, String display, LocalDate decidedOn) {
  }

  /** Someone to call, and whether they hold a Lasting Power of Attorney. */
  public record Contact(String role, String name, String relationship, String telephone, LpaAuthority lpa) {
  }

  /** Whether an Advance Decision to Refuse Treatment exists, and where to read it. */
  public record Adrt(boolean present, String decision, String documentLocation, String documentLink) {
  }

  /** Where the rest is. */
  public record Links(String fullPlan, String printable) {
  }

  /**
   * The view of a published version of a patient's plan, as stored: whether the review is overdue depends on the day
   * it is served ({@code CrisisViews#asOf}), so here it is false.
   */
  public static CrisisView of(String nhsNumber, PlanVersion version, PlanContent plan) {
    String base = "/plans/" + nhsNumber;
    PlanContent.Person person = plan.person();
    String name = person == null ? null : String.join(" ",
        Stream.of(person.givenName(), person.familyName()).filter(part -> part != null).toList());
    LocalDate review = plan.plannedReviewDate();
    Banner banner = new Banner(version.version, version.publishedAt, version.publishedByName,
        version.roleName == null || version.roleName.isBlank() ? version.roleCode : version.roleName,
        version.organisation, version.publishedAt, review, false);
    Cpr cpr = plan.cpr() == null || plan.cpr().decision() == null ? null
        : new Cpr(plan.cpr().decision().name(), plan.cpr().decision().snomedCode(), plan.cpr().decision().display(),
            plan.cpr().decidedOn());
    PlanContent.Preferences preferences = plan.preferences();
    List<Contact> contacts = new ArrayList<>();
    if (plan.mainCarer() != null) {
      contacts.add(contact("main carer", plan.mainCarer()));
    }
    if (plan.keySupporters() != null) {
      plan.keySupporters().forEach(supporter -> contacts.add(contact("key supporter", supporter)));
    }
    if (plan.keyWorker() != null) {
      contacts.add(new Contact("key worker", plan.keyWorker().name(), plan.keyWorker().role(),
          plan.keyWorker().telephone(), null));
    }
    if (plan.gp() != null) {
      contacts.add(new Contact("GP", plan.gp().name(), plan.gp().practiceName(), plan.gp().telephone(), null));
    }
    PlanContent.Adrt adrt = plan.adrt();
    Adrt adrtView = adrt == null || !Boolean.TRUE.equals(adrt.exists()) ? new Adrt(false, null, null, null)
        : new Adrt(true, adrt.decision(), adrt.documentLocation(),
            adrt.attachmentId() == null ? null : base + "/attachments/" + adrt.attachmentId());
    return new CrisisView(nhsNumber, name, person == null ? null : person.dateOfBirth(), banner, cpr,
        plan.ceilingOfTreatment(), plan.otherTreatmentRecommendations(),
        preferences == null ? null : preferences.preferredPlaceOfCare(),
        preferences == null ? null : preferences.preferredPlaceOfDeath(),
        preferences == null ? null : preferences.secondPreferredPlaceOfDeath(),
        plan.noKnownAllergies(), plan.allergies(), plan.medications(), plan.anticipatoryMedicines(),
        List.copyOf(contacts), adrtView,
        new Links(base + "/versions/" + version.version, base + "/versions/" + version.version + "/pdf"));
  }

  private static Contact contact(String role, PlanContent.Supporter supporter) {
    return new Contact(role, supporter.name(), supporter.relationship(), supporter.telephone(), supporter.lpa());
  }
}
