package org.openucp.clinical.plan.service;

import java.util.ArrayList;
import java.util.List;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.model.plan.PlanContent;
import org.openucp.model.plan.PlanContent.Person;
import org.openucp.model.plan.PlanContent.Preferences;
import org.openucp.model.plan.PlanContent.Supporter;

/**
 * Takes what a patient wrote in their own draft into a plan without overwriting what clinicians recorded: empty
 * fields are filled, the patient's thoughts are added to "what matters to me", a new key supporter is added.
 */
final class SubmissionMerge {

  private SubmissionMerge() {
  }

  static PlanContent into(PlanContent plan, SubmittedDraft submission) {
    Person person = plan.person() == null
        ? new Person(null, null, null, null, null, null, submission.postcode(), null, null)
        : plan.person().postcode() != null ? plan.person()
        : new Person(plan.person().givenName(), plan.person().familyName(), plan.person().preferredName(),
            plan.person().dateOfBirth(), plan.person().gender(), plan.person().address(), submission.postcode(),
            plan.person().telephone(), plan.person().nhsNumberVerification());
    Preferences preferences = plan.preferences() == null
        ? new Preferences(submission.preferredPlaceOfCare(), null, null, null, null)
        : plan.preferences().preferredPlaceOfCare() != null ? plan.preferences()
        : new Preferences(submission.preferredPlaceOfCare(), plan.preferences().preferredPlaceOfDeath(),
            plan.preferences().secondPreferredPlaceOfDeath(), plan.preferences().othersToInvolve(),
            plan.preferences().otherPreferences());
    String thoughts = submission.thoughtsAboutFutureCare();
    String whatMatters = thoughts == null || thoughts.isBlank() ? plan.whatMattersToMe()
        : plan.whatMattersToMe() == null || plan.whatMattersToMe().isBlank() ? thoughts
        : plan.whatMattersToMe() + "\n\nIn the patient's own words: " + thoughts;
    List<Supporter> supporters = new ArrayList<>(plan.keySupporters() == null ? List.of() : plan.keySupporters());
    KeySupporter named = submission.keySupporter();
    if (named != null && supporters.stream().noneMatch(s -> named.name().equalsIgnoreCase(s.name()))) {
      supporters.add(new Supporter(named.name(), named.relationship(), named.phone(), LpaAuthority.NONE));
    }
    return new PlanContent(person, plan.gp(), plan.keyWorker(), plan.mainCarer(), plan.carerSupportAvailable(),
        List.copyOf(supporters), plan.involvedProfessionals(), plan.diagnoses(), plan.noKnownAllergies(),
        plan.allergies(), plan.medications(), plan.anticipatoryMedicines(),
        plan.functionalLevel() != null ? plan.functionalLevel() : submission.functionalLevel(),
        plan.specialRequirements(), plan.cpr(), plan.ceilingOfTreatment(), plan.otherTreatmentRecommendations(),
        preferences, whatMatters, plan.advanceStatement(), plan.adrt(), plan.informationGiven(),
        plan.plannedReviewDate());
  }
}
