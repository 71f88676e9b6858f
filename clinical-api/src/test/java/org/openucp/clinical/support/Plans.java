package org.openucp.clinical.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds plan content as a clinician's browser sends it: complete enough to publish unless told otherwise. */
public final class Plans {

  private final Map<String, Object> content = new HashMap<>();

  private Plans() {
    content.put("person", new HashMap<>(Map.of("givenName", "Edith", "familyName", "Smith",
        "dateOfBirth", "1948-03-12", "address", "1 Demo Street, London", "postcode", "SW3 6JJ",
        "nhsNumberVerification", "VERIFIED")));
    content.put("gp", Map.of("name", "Dr Jane Doe", "practiceName", "Demo Medical Practice",
        "practiceCode", "A83008"));
    content.put("diagnoses", Map.of("primaryEndOfLifeDiagnosis", "Metastatic lung cancer",
        "otherDiagnoses", List.of("COPD"), "prognosis", "MONTHS"));
    content.put("allergies", List.of(Map.of("substance", "Penicillin", "reaction", "Rash")));
    content.put("medications", List.of(Map.of("name", "Morphine sulfate MR", "dose", "10 mg twice daily")));
    content.put("anticipatoryMedicines", Map.of("prescribed", true, "whereKept", "Kitchen drawer, blue box"));
    content.put("cpr", new HashMap<>(Map.of("decision", "CPR_RECOMMENDED", "decidedOn", "2026-11-01")));
    content.put("ceilingOfTreatment", "SELECTIVE_TREATMENT");
    content.put("preferences", Map.of("preferredPlaceOfCare", "HOME", "preferredPlaceOfDeath", "HOME",
        "secondPreferredPlaceOfDeath", "HOSPICE"));
    content.put("whatMattersToMe", "Being at home with my cat.");
    content.put("plannedReviewDate", LocalDate.now().plusMonths(2).toString());
  }

  public static Plans aPlan() {
    return new Plans();
  }

  public Plans with(String field, Object value) {
    content.put(field, value);
    return this;
  }

  public Plans without(String field) {
    content.remove(field);
    return this;
  }

  @SuppressWarnings("unchecked")
  public Plans withPerson(String field, Object value) {
    ((Map<String, Object>) content.get("person")).put(field, value);
    return this;
  }

  public Plans withDnacpr() {
    content.put("cpr", Map.of("decision", "CPR_NOT_RECOMMENDED", "decidedOn", "2026-11-01",
        "decisionMaker", "Dr Jane Doe", "discussedWithPatient", true));
    return this;
  }

  public Map<String, Object> content() {
    return content;
  }
}
