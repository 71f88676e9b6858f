package org.openucp.clinical.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.model.plan.PlanContent;

/**
 * A published version as a FHIR R4 (UK Core shaped) document Bundle: Patient, CarePlan, Condition,
 * AllergyIntolerance, MedicationStatement, the CPR recommendation as an Observation, key supporters as
 * RelatedPerson, and Provenance for the publication. What NRL pointers link to as "the FHIR plan".
 */
public final class FhirPlan {

  static final String SNOMED = "http://snomed.info/sct";
  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

  private FhirPlan() {
  }

  public static Map<String, Object> bundle(String nhsNumber, PlanVersion version, PlanContent plan) {
    String id = version.planId + "-v" + version.version;
    String patientRef = "urn:uuid:" + version.planId + "-patient";
    List<Map<String, Object>> entries = new ArrayList<>();
    entries.add(entry(patientRef, patient(nhsNumber, plan.person())));
    List<Map<String, Object>> addresses = new ArrayList<>();
    if (plan.diagnoses() != null && plan.diagnoses().primaryEndOfLifeDiagnosis() != null) {
      String ref = "urn:uuid:" + version.planId + "-condition-1";
      addresses.add(Map.of("reference", ref));
      entries.add(entry(ref, resource("Condition", Map.of(
          "clinicalStatus", coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
          "code", Map.of("text", plan.diagnoses().primaryEndOfLifeDiagnosis()),
          "subject", Map.of("reference", patientRef)))));
    }
    int index = 0;
    for (PlanContent.Allergy allergy : plan.allergies() == null ? List.<PlanContent.Allergy>of() : plan.allergies()) {
      entries.add(entry("urn:uuid:" + version.planId + "-allergy-" + ++index, resource("AllergyIntolerance", Map.of(
          "patient", Map.of("reference", patientRef),
          "code", Map.of("text", String.valueOf(allergy.substance())),
          "reaction", List.of(Map.of("description", String.valueOf(allergy.reaction())))))));
    }
    index = 0;
    for (PlanContent.Medication medicine : plan.medications() == null ? List.<PlanContent.Medication>of()
        : plan.medications()) {
      entries.add(entry("urn:uuid:" + version.planId + "-medication-" + ++index, resource("MedicationStatement",
          Map.of("status", "active", "subject", Map.of("reference", patientRef),
              "medicationCodeableConcept", Map.of("text", String.valueOf(medicine.name())),
              "dosage", List.of(Map.of("text", String.valueOf(medicine.dose())))))));
    }
    if (plan.cprDecision() != null) {
      entries.add(entry("urn:uuid:" + version.planId + "-cpr", resource("Observation", Map.of(
          "status", "final",
          "code", Map.of("text", "CPR recommendation"),
          "subject", Map.of("reference", patientRef),
          "valueCodeableConcept", Map.of("coding", List.of(Map.of("system", SNOMED,
              "code", plan.cprDecision().snomedCode(), "display", plan.cprDecision().display())))))));
    }
    index = 0;
    for (PlanContent.Supporter supporter : plan.keySupporters() == null ? List.<PlanContent.Supporter>of()
        : plan.keySupporters()) {
      Map<String, Object> person = new LinkedHashMap<>();
      person.put("patient", Map.of("reference", patientRef));
      person.put("name", List.of(Map.of("text", String.valueOf(supporter.name()))));
      person.put("relationship", List.of(Map.of("text", String.valueOf(supporter.relationship()))));
      if (supporter.telephone() != null) {
        person.put("telecom", List.of(Map.of("system", "phone", "value", supporter.telephone())));
      }
      entries.add(entry("urn:uuid:" + version.planId + "-supporter-" + ++index, resource("RelatedPerson", person)));
    }
    Map<String, Object> carePlan = new LinkedHashMap<>();
    carePlan.put("status", "active");
    carePlan.put("intent", "plan");
    carePlan.put("category", List.of(Map.of("coding", List.of(Map.of("system", SNOMED, "code", "734163000",
        "display", "Care plan")))));
    carePlan.put("title", "Urgent care plan, version " + version.version);
    carePlan.put("subject", Map.of("reference", patientRef));
    carePlan.put("created", version.publishedAt.toString());
    carePlan.put("author", Map.of("identifier", Map.of("system", ODS, "value", version.organisation)));
    carePlan.put("addresses", addresses);
    List<Map<String, Object>> notes = new ArrayList<>();
    if (plan.ceilingOfTreatment() != null) {
      notes.add(Map.of("text", "Ceiling of treatment: " + plan.ceilingOfTreatment().name()));
    }
    if (plan.otherTreatmentRecommendations() != null) {
      notes.add(Map.of("text", "Recommendations: " + plan.otherTreatmentRecommendations()));
    }
    if (plan.whatMattersToMe() != null) {
      notes.add(Map.of("text", "What matters to me: " + plan.whatMattersToMe()));
    }
    carePlan.put("note", notes);
    String carePlanRef = "urn:uuid:" + version.planId + "-careplan";
    entries.add(1, entry(carePlanRef, resource("CarePlan", carePlan)));
    entries.add(entry("urn:uuid:" + version.planId + "-provenance", resource("Provenance", Map.of(
        "target", List.of(Map.of("reference", carePlanRef)),
        "recorded", version.publishedAt.toString(),
        "agent", List.of(Map.of(
            "who", Map.of("display", String.valueOf(version.publishedByName)),
            "onBehalfOf", Map.of("identifier", Map.of("system", ODS, "value", version.organisation))))))));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("resourceType", "Bundle");
    bundle.put("id", id);
    bundle.put("type", "collection");
    bundle.put("timestamp", version.publishedAt.toString());
    bundle.put("entry", entries);
    return bundle;
  }

  private static Map<String, Object> patient(String nhsNumber, PlanContent.Person person) {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("identifier", List.of(Map.of("system", NHS_NUMBER, "value", nhsNumber)));
    if (person != null) {
      Map<String, Object> name = new LinkedHashMap<>();
      name.put("family", String.valueOf(person.familyName()));
      name.put("given", List.of(String.valueOf(person.givenName())));
      patient.put("name", List.of(name));
      if (person.dateOfBirth() != null) {
        patient.put("birthDate", person.dateOfBirth().toString());
      }
      Map<String, Object> address = new LinkedHashMap<>();
      if (person.address() != null) {
        address.put("text", person.address());
      }
      if (person.postcode() != null) {
        address.put("postalCode", person.postcode().value());
      }
      patient.put("address", List.of(address));
    }
    return resource("Patient", patient);
  }

  private static Map<String, Object> coding(String system, String code) {
    return Map.of("coding", List.of(Map.of("system", system, "code", code)));
  }

  private static Map<String, Object> resource(String type, Map<String, Object> fields) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("resourceType", type);
    resource.putAll(fields);
    return resource;
  }

  private static Map<String, Object> entry(String fullUrl, Map<String, Object> resource) {
    return Map.of("fullUrl", fullUrl, "resource", resource);
  }
}
