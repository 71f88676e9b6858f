package org.openucp.clinical.plan.service;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.openucp.model.care.CeilingOfTreatment;
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

  public static Findings check(PlanContent plan, ConsentBasis consent, LocalDate today) {
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
    } else if (person != null && person.dateOfBirth() != null && isChild(person.dateOfBirth(), today)
        && !allowsChild(consent)) {
      errors.add(new FieldError("consent", "for a person under 18, consent must be by a parent or guardian or a "
          + "best-interests decision"));
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

  /** Refuses, naming {@code field}, a consent basis that cannot apply to a person under 18. */
  public static void requireConsentBasisAllowed(LocalDate dateOfBirth, ConsentBasis basis, LocalDate today,
      String field) {
    if (dateOfBirth != null && isChild(dateOfBirth, today) && !allowsChild(basis)) {
      throw new ProblemException(Problem.of("consent-basis-not-allowed", "Consent basis not allowed", 422,
          "For a person under 18, consent must be by a parent or guardian or a best-interests decision")
          .withErrors(List.of(new FieldError(field, "not allowed under 18"))));
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
