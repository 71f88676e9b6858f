package org.openucp.clinical.plan.service;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.clinical.consent.Consent;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.Problem.FieldError;
import org.openucp.web.problem.ProblemException;

/**
 * What a plan must say before urgent care may rely on it (errors block publication), and what a careful clinician
 * would want pointed out (warnings do not). From SCCI1580's system requirements.
 */
public final class PublicationRules {

  static final Period MAX_REVIEW_INTERVAL = Period.ofMonths(3);
  static final int AGE_OF_MAJORITY = 18;

  private PublicationRules() {
  }

  /** The findings for one publication attempt. */
  public record Findings(List<FieldError> errors, List<String> warnings) {
    public boolean publishable() {
      return errors.isEmpty();
    }
  }

  public static Findings check(PlanContent plan, Consent consent, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    PlanContent.Person person = plan.person();
    if (person == null || blank(person.givenName()) || blank(person.familyName())) {
      errors.add(new FieldError("person.name", "the person's given and family names are required"));
    }
    if (person == null || person.dateOfBirth() == null) {
      errors.add(new FieldError("person.dateOfBirth", "the date of birth is required"));
    }
    if (person == null || (blank(person.address()) && person.postcode() == null)) {
      errors.add(new FieldError("person.address", "an address or postcode is required"));
    }
    if (plan.gp() == null || blank(plan.gp().name()) || blank(plan.gp().practiceName())) {
      errors.add(new FieldError("gp", "the GP's name and practice are required"));
    }
    if (plan.diagnoses() == null || blank(plan.diagnoses().primaryEndOfLifeDiagnosis())) {
      errors.add(new FieldError("diagnoses.primaryEndOfLifeDiagnosis", "the primary diagnosis is required"));
    }
    LocalDate review = plan.plannedReviewDate();
    if (review == null) {
      errors.add(new FieldError("plannedReviewDate", "a planned review date is required"));
    } else if (review.isAfter(today.plus(MAX_REVIEW_INTERVAL))) {
      errors.add(new FieldError("plannedReviewDate", "the review date must be within 3 months (by "
          + today.plus(MAX_REVIEW_INTERVAL) + ")"));
    } else if (review.isBefore(today)) {
      warnings.add("The planned review date " + review + " has passed: review the plan");
    }
    if (consent == null) {
      errors.add(new FieldError("consent", "record the patient's consent before publishing"));
    } else if (person != null && person.dateOfBirth() != null && isChild(person.dateOfBirth(), today)) {
      if (!allowsChild(consent.basis)) {
        errors.add(new FieldError("consent", "for a person under 18, consent must be by a parent or guardian or a "
            + "best-interests decision"));
      } else {
        errors.addAll(childsConsentMissing(consent.basis, consent.parentalResponsibility, consent.consulted,
            "consent."));
      }
    }
    if (plan.preferences() == null || plan.preferences().preferredPlaceOfDeath() == null) {
      warnings.add("No preferred place of death (1st choice) is recorded");
    }
    if (plan.adrt() != null && Boolean.TRUE.equals(plan.adrt().exists())
        && plan.ceilingOfTreatment() == CeilingOfTreatment.FULL_ESCALATION) {
      warnings.add("An ADRT is recorded but the ceiling of treatment is full escalation: check they agree");
    }
    return new Findings(List.copyOf(errors), List.copyOf(warnings));
  }

  public static boolean isChild(LocalDate dateOfBirth, LocalDate today) {
    return Period.between(dateOfBirth, today).getYears() < AGE_OF_MAJORITY;
  }

  public static boolean allowsChild(ConsentBasis basis) {
    return basis == ConsentBasis.PARENT_OR_GUARDIAN || basis == ConsentBasis.BEST_INTERESTS_DECISION;
  }

  /**
   * Refuses, naming each field after {@code prefix}, consent that cannot hold a child's plan: a basis other than a
   * parent or guardian's consent or a best-interests decision, no one named as holding parental responsibility, or
   * a best-interests decision without who was consulted (the seeds require consulting the parent or guardian).
   */
  public static void requireConsentAllowed(LocalDate dateOfBirth, PlanService.ConsentStatement consent,
      LocalDate today, String prefix) {
    if (dateOfBirth == null || !isChild(dateOfBirth, today)) {
      return;
    }
    if (!allowsChild(consent.basis())) {
      throw new ProblemException(Problem.of("consent-basis-not-allowed", "Consent basis not allowed", 422,
          "For a person under 18, consent must be by a parent or guardian or a best-interests decision")
          .withErrors(List.of(new FieldError(prefix + "basis", "not allowed under 18"))));
    }
    List<FieldError> missing = childsConsentMissing(consent.basis(), consent.parentalResponsibility(),
        consent.consulted(), prefix);
    if (!missing.isEmpty()) {
      throw new ProblemException(Problem.of("childs-consent-incomplete", "Who decided for the child", 422,
          "For a person under 18, record who holds parental responsibility and, for a best-interests decision, who "
              + "was consulted").withErrors(missing));
    }
  }

  private static List<FieldError> childsConsentMissing(ConsentBasis basis, String parentalResponsibility,
      String consulted, String prefix) {
    List<FieldError> missing = new ArrayList<>();
    if (blank(parentalResponsibility)) {
      missing.add(new FieldError(prefix + "parentalResponsibility", "required for a person under 18"));
    }
    if (basis == ConsentBasis.BEST_INTERESTS_DECISION && blank(consulted)) {
      missing.add(new FieldError(prefix + "consulted", "required for a best-interests decision about a child"));
    }
    return missing;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
