package org.openucp.clinical.urgentcare;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.model.api.ApiVersion;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.plan.PlanContent;

/**
 * What a crew at the door or a call handler needs first, in the order of the ReSPECT form ({@link CrisisSection}):
 * who this is, the CPR recommendation, how far to escalate, any ADRT, who may decide for them, what matters to them,
 * what could harm them, who to call, and how fresh all this is. The components before {@link #links} follow
 * {@link CrisisSection} one for one; the printed plan's page one renders this same record.
 */
// Written as JSON by CrisisViews when a version is published, not as a resource's return value, so native images
// need it (and what it holds) registered explicitly.
@RegisterForReflection(registerFullHierarchy = true)
public record CrisisView(
    Identity identity,
    Cpr cpr,
    Treatment treatment,
    Adrt adrt,
    Representation representation,
    Preferences preferences,
    Medicines medicines,
    List<Contact> contacts,
    Banner banner,
    Links links) {

  /** Said on every rendering of a plan: what it is, legally. */
  public static final String LEGAL_STATUS =
      "This plan is not legally binding; an advance decision to refuse treatment (ADRT) is, when valid and applicable.";

  /** Who the plan is about. */
  public record Identity(String name, String preferredName, LocalDate dateOfBirth, String nhsNumber, String address,
      String postcode) {
  }

  /**
   * The CPR recommendation as the ReSPECT form records it. {@code expired} says that its review date has passed:
   * it depends on the day the view is served, so it is stored false ({@code CrisisViews#asOf}).
   */
  public record Cpr(String decision, String snomedCode, String display, LocalDate decidedOn, String decidedBy,
      String decidedByRole, Boolean discussedWithPatient, Boolean discussedWithFamilyOrCarer, String formKept,
      LocalDate reviewDate, boolean expired) {
  }

  /** How far to escalate, and the clinical recommendations. */
  public record Treatment(CeilingOfTreatment ceiling, String recommendations) {
  }

  /** Whether an Advance Decision to Refuse Treatment exists, and where to read it. */
  @Schema(name = "CrisisAdrt")
  public record Adrt(boolean present, String decision, LocalDate madeOn, String documentLocation,
      String documentLink) {
  }

  /** Who may decide for the person if they cannot: the holders of a health and welfare Lasting Power of Attorney. */
  public record Representation(List<Attorney> attorneys) {
  }

  /** A holder of a health and welfare LPA, and whether it reaches decisions about life-sustaining treatment. */
  public record Attorney(String name, String relationship, String telephone, LpaAuthority lpa,
      boolean coversLifeSustainingTreatment) {
  }

  /** What matters to the person, and where they want to be cared for and to die. */
  @Schema(name = "CrisisPreferences")
  public record Preferences(String whatMattersToMe, PlaceOfCare placeOfCare, PlaceOfCare placeOfDeath,
      PlaceOfCare secondPlaceOfDeath, String otherPreferences) {
  }

  /** What could harm them, what they take, and the "just in case" medicines with where they are kept. */
  public record Medicines(Boolean noKnownAllergies, List<PlanContent.Allergy> allergies,
      List<PlanContent.Medication> keyMedicines, PlanContent.AnticipatoryMedicines anticipatory) {
  }

  /** Someone to call. */
  @Schema(name = "CrisisContact")
  public record Contact(String role, String name, String relationship, String telephone) {
  }

  /**
   * Which version this is, who published it and when, whether its review is overdue (on the day it is served, so
   * stored false), and what the plan is legally.
   */
  public record Banner(int version, Instant publishedAt, String publishedBy, String publishedByRole,
      String organisation, String organisationName, Instant lastReviewed, LocalDate plannedReviewDate,
      boolean reviewOverdue, String correction, List<Comment> patientComments, String legalStatus) {
  }

  /** The patient's own words on an opinion in the plan that they dispute, shown with it. */
  public record Comment(String text, Instant recordedAt) {
  }

  /** Where the rest is. */
  public record Links(String fullPlan, String printable) {
  }

  /**
   * The view of a published version of a patient's plan, with the patient's comments on it, as stored: as on no
   * particular day (nothing expired).
   */
  public static CrisisView of(String nhsNumber, PlanVersion version, PlanContent plan, List<Comment> comments) {
    String base = ApiVersion.PATH + "/plans/" + nhsNumber;
    PlanContent.Person person = plan.person();
    Identity identity = person == null ? new Identity(null, null, null, nhsNumber, null, null)
        : new Identity(joined(person.givenName(), person.familyName()), person.preferredName(), person.dateOfBirth(),
            nhsNumber, person.address(), person.postcode() == null ? null : person.postcode().value());
    PlanContent.CprDecision decision = plan.cpr();
    Cpr cpr = decision == null || decision.decision() == null ? null
        : new Cpr(decision.decision().name(), decision.decision().snomedCode(), decision.decision().display(),
            decision.decidedOn(), decision.decisionMaker(), decision.decisionMakerRole(),
            decision.discussedWithPatient(), decision.discussedWithCarer(), decision.whereDocumented(),
            decision.reviewDate(), false);
    PlanContent.Adrt adrt = plan.adrt();
    Adrt adrtView = adrt == null || !Boolean.TRUE.equals(adrt.exists()) ? new Adrt(false, null, null, null, null)
        : new Adrt(true, adrt.decision(), adrt.madeOn(), adrt.documentLocation(),
            adrt.attachmentId() == null ? null : base + "/attachments/" + adrt.attachmentId());
    PlanContent.Preferences preferences = plan.preferences();
    Preferences preferencesView = preferences == null
        ? new Preferences(plan.whatMattersToMe(), null, null, null, null)
        : new Preferences(plan.whatMattersToMe(), preferences.preferredPlaceOfCare(),
            preferences.preferredPlaceOfDeath(), preferences.secondPreferredPlaceOfDeath(),
            preferences.otherPreferences());
    String role = version.roleName == null || version.roleName.isBlank() ? version.roleCode : version.roleName;
    Banner banner = new Banner(version.version, version.publishedAt, version.publishedByName, role,
        version.organisation, version.organisationName, version.publishedAt, plan.plannedReviewDate(), false,
        version.correctionReason, List.copyOf(comments), LEGAL_STATUS);
    return new CrisisView(identity, cpr, new Treatment(plan.ceilingOfTreatment(), plan.otherTreatmentRecommendations()),
        adrtView, new Representation(attorneys(plan)), preferencesView,
        new Medicines(plan.noKnownAllergies(), orEmpty(plan.allergies()), orEmpty(plan.medications()),
            plan.anticipatoryMedicines()),
        contacts(plan), banner,
        new Links(base + "/versions/" + version.version, base + "/versions/" + version.version + "/pdf"));
  }

  /** This view as it stands on {@code today}: the CPR decision expired once its review date has passed, and so on. */
  public CrisisView asOf(LocalDate today) {
    Cpr cprToday = cpr == null ? null : new Cpr(cpr.decision, cpr.snomedCode, cpr.display, cpr.decidedOn,
        cpr.decidedBy, cpr.decidedByRole, cpr.discussedWithPatient, cpr.discussedWithFamilyOrCarer, cpr.formKept,
        cpr.reviewDate, isPast(cpr.reviewDate, today));
    Banner bannerToday = new Banner(banner.version, banner.publishedAt, banner.publishedBy, banner.publishedByRole,
        banner.organisation, banner.organisationName, banner.lastReviewed, banner.plannedReviewDate,
        isPast(banner.plannedReviewDate, today), banner.correction, banner.patientComments, banner.legalStatus);
    return new CrisisView(identity, cprToday, treatment, adrt, representation, preferences, medicines, contacts,
        bannerToday, links);
  }

  /** Whether a review date has passed on {@code today}: a decision due for review today is still current. */
  public static boolean isPast(LocalDate reviewDate, LocalDate today) {
    return reviewDate != null && reviewDate.isBefore(today);
  }

  private static List<Attorney> attorneys(PlanContent plan) {
    return supporters(plan)
        .filter(supporter -> supporter.lpa() != null && supporter.lpa() != LpaAuthority.NONE)
        .map(supporter -> new Attorney(supporter.name(), supporter.relationship(), supporter.telephone(),
            supporter.lpa(), supporter.lpa() == LpaAuthority.WITH_LIFE_SUSTAINING_TREATMENT))
        .toList();
  }

  private static List<Contact> contacts(PlanContent plan) {
    List<Contact> contacts = new ArrayList<>();
    if (plan.mainCarer() != null) {
      contacts.add(contact("main carer", plan.mainCarer()));
    }
    orEmpty(plan.keySupporters()).forEach(supporter -> contacts.add(contact("key supporter", supporter)));
    if (plan.keyWorker() != null) {
      contacts.add(new Contact("key worker", plan.keyWorker().name(), plan.keyWorker().role(),
          plan.keyWorker().telephone()));
    }
    if (plan.gp() != null) {
      contacts.add(new Contact("GP", plan.gp().name(), plan.gp().practiceName(), plan.gp().telephone()));
    }
    return List.copyOf(contacts);
  }

  private static Stream<PlanContent.Supporter> supporters(PlanContent plan) {
    return Stream.concat(Stream.ofNullable(plan.mainCarer()), orEmpty(plan.keySupporters()).stream());
  }

  private static Contact contact(String role, PlanContent.Supporter supporter) {
    return new Contact(role, supporter.name(), supporter.relationship(), supporter.telephone());
  }

  private static String joined(String... parts) {
    String joined = String.join(" ", Stream.of(parts).filter(Objects::nonNull).filter(p -> !p.isBlank()).toList());
    return joined.isEmpty() ? null : joined;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
