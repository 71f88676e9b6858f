package org.openucp.model.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.model.care.CprRecommendation;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.care.NhsNumberVerification;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.care.Prognosis;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.identity.Postcode;

/**
 * What an urgent care plan says: the SCCI1580 core content and the ReSPECT sections. A draft may be incomplete;
 * publishing checks what a published plan must have. Clinicians' free text stays free text.
 */
public record PlanContent(
    @Valid Person person,
    @Valid GeneralPractitioner gp,
    @Valid Contact keyWorker,
    @Valid Supporter mainCarer,
    Boolean carerSupportAvailable,
    @Size(max = 20) List<@Valid Supporter> keySupporters,
    @Size(max = 30) List<@Valid Professional> involvedProfessionals,
    @Valid Diagnoses diagnoses,
    Boolean noKnownAllergies,
    @Size(max = 50) List<@Valid Allergy> allergies,
    @Size(max = 100) List<@Valid Medication> medications,
    @Valid AnticipatoryMedicines anticipatoryMedicines,
    FunctionalLevel functionalLevel,
    @Valid SpecialRequirements specialRequirements,
    @Valid CprDecision cpr,
    CeilingOfTreatment ceilingOfTreatment,
    @Size(max = 4000) String otherTreatmentRecommendations,
    @Valid Preferences preferences,
    @Size(max = 4000) String whatMattersToMe,
    @Size(max = 4000) String advanceStatement,
    @Valid Adrt adrt,
    @Valid InformationGiven informationGiven,
    LocalDate plannedReviewDate) {

  /** An empty plan, as initiated before anything is written. */
  public static PlanContent empty() {
    return new PlanContent(null, null, null, null, null, List.of(), List.of(), null, null, List.of(), List.of(),
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean recordsDnacpr() {
    return cpr != null && cpr.decision() == CprRecommendation.CPR_NOT_RECOMMENDED;
  }

  public CprRecommendation cprDecision() {
    return cpr == null ? null : cpr.decision();
  }

  /** SCCI1580 group 4: who the plan is about. */
  public record Person(
      @Size(max = 100) String givenName,
      @Size(max = 100) String familyName,
      @Size(max = 100) String preferredName,
      LocalDate dateOfBirth,
      @Size(max = 30) String gender,
      @Size(max = 300) String address,
      Postcode postcode,
      @Size(max = 30) String telephone,
      NhsNumberVerification nhsNumberVerification) {
  }

  /** SCCI1580 group 7. */
  public record GeneralPractitioner(
      @Size(max = 200) String name,
      @Size(max = 200) String practiceName,
      OdsCode practiceCode,
      @Size(max = 30) String telephone) {
  }

  /** A named person and how to reach them. */
  public record Contact(@Size(max = 200) String name, @Size(max = 100) String role, @Size(max = 30) String telephone) {
  }

  /** A carer, key supporter or next of kin, with any Lasting Power of Attorney they hold. */
  public record Supporter(
      @Size(max = 200) String name,
      @Size(max = 100) String relationship,
      @Size(max = 30) String telephone,
      LpaAuthority lpa) {
  }

  /** SCCI1580 group 9. */
  public record Professional(
      @Size(max = 200) String name,
      @Size(max = 100) String professionalGroup,
      @Size(max = 200) String organisation,
      @Size(max = 30) String telephone) {
  }

  /** SCCI1580 group 10. */
  public record Diagnoses(
      @Size(max = 500) String primaryEndOfLifeDiagnosis,
      @Size(max = 30) List<@Size(max = 500) String> otherDiagnoses,
      Prognosis prognosis) {
  }

  /** SCCI1580 group 11. */
  public record Allergy(@Size(max = 200) String substance, @Size(max = 500) String reaction) {
  }

  /** SCCI1580 group 12. */
  public record Medication(@Size(max = 200) String name, @Size(max = 200) String dose, @Size(max = 200) String notes) {
  }

  /** "Just in case" medicines and, above all for a crew at the door, where they are kept. */
  public record AnticipatoryMedicines(Boolean prescribed, @Size(max = 1000) String details,
      @Size(max = 300) String whereKept) {
  }

  /** SCCI1580 group 5. */
  public record SpecialRequirements(
      Boolean interpreterNeeded,
      @Size(max = 100) String preferredLanguage,
      @Size(max = 500) String disability,
      @Size(max = 1000) String notes) {
  }

  /** SCCI1580 group 3 and ReSPECT section 4. */
  public record CprDecision(
      CprRecommendation decision,
      LocalDate decidedOn,
      @Size(max = 200) String decisionMaker,
      @Size(max = 100) String decisionMakerRole,
      Boolean discussedWithPatient,
      Boolean discussedWithCarer,
      @Size(max = 300) String whereDocumented,
      LocalDate reviewDate) {
  }

  /** SCCI1580 group 14. */
  public record Preferences(
      PlaceOfCare preferredPlaceOfCare,
      PlaceOfCare preferredPlaceOfDeath,
      PlaceOfCare secondPreferredPlaceOfDeath,
      @Size(max = 1000) String othersToInvolve,
      @Size(max = 1000) String otherPreferences) {
  }

  /** An Advance Decision to Refuse Treatment: legally binding when valid and applicable. */
  public record Adrt(
      Boolean exists,
      @Size(max = 2000) String decision,
      LocalDate madeOn,
      @Size(max = 300) String documentLocation,
      @Size(max = 100) String attachmentId) {
  }

  /** SCCI1580 group 6. */
  public record InformationGiven(
      Boolean patientAwareOfPrognosis,
      Boolean carerAwareOfPrognosis,
      Boolean patientAwareOfCprDecision,
      Boolean familyInformedOfCprDecision) {
  }
}
