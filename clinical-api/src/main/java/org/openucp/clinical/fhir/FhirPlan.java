package org.openucp.clinical.fhir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.care.NhsNumberVerification;
import org.openucp.model.plan.PlanContent;

/**
 * A published version as a FHIR R4 (UK Core shaped) Bundle that carries what the crisis view and the printed plan
 * carry: the Patient; the CarePlan (ceiling of treatment and recommendations as activities, what
 * matters to me and preferences as notes, the planned review as a scheduled activity); the CPR recommendation as an
 * Observation with who decided, when, with whom it was discussed, where the form is and when to review it; an ADRT as
 * a DocumentReference; the main carer and key supporters as RelatedPerson with any Lasting Power of Attorney;
 * AllergyIntolerance; MedicationStatement (anticipatory medicines with where they are kept); everyone to call as a
 * CareTeam of RelatedPerson, Practitioner and Organization; Condition; and Provenance for the publication. What NRL
 * pointers link to as "the FHIR plan".
 */
public final class FhirPlan {

  static final String SNOMED = "http://snomed.info/sct";
  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
  static final String SDS_USER_ID = "https://fhir.nhs.uk/Id/sds-user-id";
  static final String SDS_JOB_ROLE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-SDSJobRoleName";
  static final String NHS_NUMBER_VERIFICATION =
      "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
  static final String NHS_NUMBER_VERIFICATION_CODES =
      "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";
  static final String INTERPRETER_REQUIRED = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
  static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
  static final String CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131";
  static final String PLAN_ID = "https://openucp.org/Id/care-plan";
  static final String LPA_AUTHORITY = "https://openucp.org/fhir/StructureDefinition/lpa-authority";
  static final String LPA_AUTHORITY_CODES = "https://openucp.org/fhir/CodeSystem/lpa-authority";
  static final String CEILING_OF_TREATMENT_CODES = "https://openucp.org/fhir/CodeSystem/ceiling-of-treatment";

  private FhirPlan() {
  }

  /** The Bundle of a published version; {@code baseUrl} is this API's, for links to attached documents. */
  public static Map<String, Object> bundle(String nhsNumber, PlanVersion version, PlanContent plan, String baseUrl) {
    Entries entries = new Entries(version);
    Map<String, Object> patient = reference(entries.ref("patient"), null);
    entries.add("patient", "Patient", patient(nhsNumber, plan, entries));
    List<Map<String, Object>> supportingInfo = new ArrayList<>();
    if (plan.cprDecision() != null) {
      supportingInfo.add(reference(entries.add("cpr", "Observation", cpr(plan, patient, entries)),
          plan.cprDecision().display()));
    }
    if (plan.adrt() != null && Boolean.TRUE.equals(plan.adrt().exists())) {
      supportingInfo.add(reference(entries.add("adrt", "DocumentReference",
          adrt(nhsNumber, plan.adrt(), patient, baseUrl)), "Advance decision to refuse treatment"));
    }
    // Before the contacts: a GP practice that also published the plan is then named as it was when publishing.
    Map<String, Object> organisation = reference(organisation(version.organisation, version.organisationName,
        null, entries), version.organisationName);
    organisation.put("identifier", identifier(ODS, version.organisation));
    String careTeam = careTeam(plan, patient, entries);
    allergies(plan, patient, entries);
    medicines(plan, patient, entries);
    List<Map<String, Object>> addresses = conditions(plan, patient, entries);
    if (plan.functionalLevel() != null) {
      supportingInfo.add(reference(entries.add("functional-level", "Observation",
          functionalLevel(plan, patient)), "WHO (ECOG) performance status"));
    }

    Map<String, Object> carePlan = new LinkedHashMap<>();
    carePlan.put("meta", Map.of("versionId", String.valueOf(version.version),
        "lastUpdated", version.publishedAt.toString()));
    carePlan.put("identifier", List.of(identifier(PLAN_ID, version.planId.toString())));
    carePlan.put("status", "active");
    carePlan.put("intent", "plan");
    carePlan.put("category", List.of(concept(SNOMED, "734163000", "Care plan")));
    carePlan.put("title", "Urgent care plan, version " + version.version);
    carePlan.put("subject", patient);
    // Publishing a version is its review: the crisis view's "last reviewed" is this date too.
    carePlan.put("created", version.publishedAt.toString());
    carePlan.put("author", organisation);
    putIf(carePlan, "careTeam", careTeam == null ? null : List.of(reference(careTeam, "People to contact")));
    putIf(carePlan, "addresses", addresses);
    putIf(carePlan, "supportingInfo", supportingInfo);
    putIf(carePlan, "activity", activities(plan));
    putIf(carePlan, "note", carePlanNotes(plan));
    entries.insert(1, "careplan", "CarePlan", carePlan);
    entries.add("provenance", "Provenance", provenance(version, organisation, entries));

    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("resourceType", "Bundle");
    bundle.put("id", version.planId + "-v" + version.version);
    bundle.put("type", "collection");
    bundle.put("timestamp", version.publishedAt.toString());
    bundle.put("entry", entries.list);
    return bundle;
  }

  /** Everyone to call, in the crisis view's order: main carer, key supporters, key worker, GP, professionals. */
  private static String careTeam(PlanContent plan, Map<String, Object> patient, Entries entries) {
    List<Map<String, Object>> participants = new ArrayList<>();
    if (plan.mainCarer() != null) {
      String ref = entries.add("main-carer", "RelatedPerson", relatedPerson(plan.mainCarer(), "Main carer", patient));
      participants.add(participant(List.of(text("Main carer")), reference(ref, plan.mainCarer().name()), null));
    }
    int index = 0;
    for (PlanContent.Supporter supporter : listOf(plan.keySupporters())) {
      String ref = entries.add("supporter-" + ++index, "RelatedPerson",
          relatedPerson(supporter, "Key supporter", patient));
      participants.add(participant(List.of(text("Key supporter")), reference(ref, supporter.name()), null));
    }
    if (plan.keyWorker() != null) {
      PlanContent.Contact worker = plan.keyWorker();
      String ref = entries.add("key-worker", "Practitioner", practitioner(worker.name(), worker.telephone(), null));
      participants.add(participant(Stream.of("Key worker", worker.role()).filter(Objects::nonNull)
          .map(FhirPlan::text).toList(), reference(ref, worker.name()), null));
    }
    if (plan.gp() != null) {
      PlanContent.GeneralPractitioner gp = plan.gp();
      Map<String, Object> practice = practice(gp, entries);
      if (gp.name() != null) {
        String ref = entries.add("gp", "Practitioner", practitioner(gp.name(), gp.telephone(), null));
        participants.add(participant(List.of(text("GP")), reference(ref, gp.name()), practice));
      } else if (practice != null) {
        participants.add(participant(List.of(text("GP")), practice, null));
      }
    }
    index = 0;
    for (PlanContent.Professional professional : listOf(plan.involvedProfessionals())) {
      String ref = entries.add("professional-" + ++index, "Practitioner",
          practitioner(professional.name(), professional.telephone(), null));
      participants.add(participant(professional.professionalGroup() == null ? List.of()
              : List.of(text(professional.professionalGroup())), reference(ref, professional.name()),
          professional.organisation() == null ? null : Map.of("display", professional.organisation())));
    }
    if (participants.isEmpty()) {
      return null;
    }
    Map<String, Object> team = new LinkedHashMap<>();
    team.put("status", "active");
    team.put("name", "People to contact");
    team.put("subject", patient);
    team.put("participant", participants);
    putIf(team, "note", plan.carerSupportAvailable() == null ? null
        : List.of(note("Carer support available: " + yesNo(plan.carerSupportAvailable()))));
    return entries.add("care-team", "CareTeam", team);
  }

  /** What the person wants, in their words and the plan's choices, for readers that show a care plan's notes. */
  private static List<Map<String, Object>> carePlanNotes(PlanContent plan) {
    List<String> notes = new ArrayList<>();
    notes.add(label("What matters to me", plan.whatMattersToMe()));
    PlanContent.Preferences preferences = plan.preferences();
    if (preferences != null) {
      notes.add(label("Preferred place of care", preferences.preferredPlaceOfCare()));
      notes.add(label("Preferred place of death (1st choice)", preferences.preferredPlaceOfDeath()));
      notes.add(label("Preferred place of death (2nd choice)", preferences.secondPreferredPlaceOfDeath()));
      notes.add(label("Others to involve in decisions", preferences.othersToInvolve()));
      notes.add(label("Other preferences", preferences.otherPreferences()));
    }
    notes.add(label("Advance statement", plan.advanceStatement()));
    notes.add(adrtNote(plan.adrt()));
    if (plan.specialRequirements() != null) {
      notes.add(label("Disability", plan.specialRequirements().disability()));
      notes.add(label("Special requirements", plan.specialRequirements().notes()));
    }
    return notes.stream().filter(Objects::nonNull).map(FhirPlan::note).toList();
  }

  private static Map<String, Object> functionalLevel(PlanContent plan, Map<String, Object> patient) {
    Map<String, Object> observation = new LinkedHashMap<>();
    observation.put("status", "final");
    observation.put("code", text("WHO (ECOG) performance status"));
    observation.put("subject", patient);
    observation.put("valueInteger", plan.functionalLevel().ordinal());
    observation.put("note", List.of(note(readable(plan.functionalLevel()))));
    return observation;
  }

  /** Who published the version, in what job role, for which organisation (its ODS code and its name), and when. */
  private static Map<String, Object> provenance(PlanVersion version, Map<String, Object> organisation,
      Entries entries) {
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("type", concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author",
        "Author"));
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("coding", List.of(coding(SDS_JOB_ROLE, version.roleCode, null)));
    role.put("text", version.roleName == null || version.roleName.isBlank() ? version.roleCode : version.roleName);
    agent.put("role", List.of(role));
    Map<String, Object> who = reference(entries.add("publisher", "Practitioner",
        practitioner(version.publishedByName, null, version.publishedBy)), version.publishedByName);
    who.put("identifier", identifier(SDS_USER_ID, version.publishedBy));
    agent.put("who", who);
    agent.put("onBehalfOf", organisation);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("target", List.of(reference(entries.ref("careplan"), null)));
    provenance.put("recorded", version.publishedAt.toString());
    provenance.put("agent", List.of(agent));
    return provenance;
  }

  private static Map<String, Object> patient(String nhsNumber, PlanContent plan, Entries entries) {
    PlanContent.Person person = plan.person();
    Map<String, Object> patient = new LinkedHashMap<>();
    Map<String, Object> identifier = new LinkedHashMap<>();
    if (person != null && person.nhsNumberVerification() != null) {
      boolean verified = person.nhsNumberVerification() == NhsNumberVerification.VERIFIED;
      identifier.put("extension", List.of(Map.of("url", NHS_NUMBER_VERIFICATION,
          "valueCodeableConcept", concept(NHS_NUMBER_VERIFICATION_CODES, verified ? "01" : "02",
              verified ? "Number present and verified" : "Number present but not traced"))));
    }
    identifier.put("system", NHS_NUMBER);
    identifier.put("value", nhsNumber);
    patient.put("identifier", List.of(identifier));
    PlanContent.SpecialRequirements needs = plan.specialRequirements();
    if (needs != null && needs.interpreterNeeded() != null) {
      patient.put("extension", List.of(Map.of("url", INTERPRETER_REQUIRED, "valueBoolean",
          needs.interpreterNeeded())));
    }
    if (person != null) {
      List<Map<String, Object>> names = new ArrayList<>();
      if (person.givenName() != null || person.familyName() != null) {
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("use", "official");
        putIf(name, "family", person.familyName());
        putIf(name, "given", person.givenName() == null ? null : List.of(person.givenName()));
        names.add(name);
      }
      if (person.preferredName() != null) {
        names.add(Map.of("use", "usual", "text", person.preferredName()));
      }
      putIf(patient, "name", names);
      putIf(patient, "telecom", phone(person.telephone()));
      putIf(patient, "gender", gender(person.gender()));
      putIf(patient, "birthDate", person.dateOfBirth() == null ? null : person.dateOfBirth().toString());
      Map<String, Object> address = new LinkedHashMap<>();
      putIf(address, "text", person.address());
      putIf(address, "postalCode", person.postcode() == null ? null : person.postcode().value());
      if (!address.isEmpty()) {
        address.put("use", "home");
        patient.put("address", List.of(address));
      }
    }
    if (needs != null && needs.preferredLanguage() != null) {
      patient.put("communication", List.of(Map.of("language", text(needs.preferredLanguage()), "preferred", true)));
    }
    if (plan.gp() != null) {
      List<Map<String, Object>> gps = new ArrayList<>();
      if (plan.gp().practiceName() != null || plan.gp().practiceCode() != null) {
        gps.add(reference(entries.ref(practiceName(plan.gp())), plan.gp().practiceName()));
      }
      if (plan.gp().name() != null) {
        gps.add(reference(entries.ref("gp"), plan.gp().name()));
      }
      putIf(patient, "generalPractitioner", gps);
    }
    return patient;
  }

  /**
   * The ReSPECT CPR recommendation. R4 Observation has no element for when a finding should be reviewed, nor for
   * where a paper form is kept or with whom a decision was discussed, so these are components: they stay inside the
   * one resource a reader fetches for the decision and are typed (date, boolean, text) without an extension that
   * receiving systems would have to know. The decision maker is the performer, in their role.
   */
  private static Map<String, Object> cpr(PlanContent plan, Map<String, Object> patient, Entries entries) {
    PlanContent.CprDecision cpr = plan.cpr();
    Map<String, Object> observation = new LinkedHashMap<>();
    observation.put("status", "final");
    observation.put("code", text("CPR recommendation"));
    observation.put("subject", patient);
    putIf(observation, "effectiveDateTime", cpr.decidedOn() == null ? null : cpr.decidedOn().toString());
    if (cpr.decisionMaker() != null || cpr.decisionMakerRole() != null) {
      String display = join(", ", cpr.decisionMaker(), cpr.decisionMakerRole());
      String maker = cpr.decisionMaker() == null ? null
          : entries.add("cpr-decision-maker", "Practitioner", practitioner(cpr.decisionMaker(), null, null));
      String performer = maker;
      if (cpr.decisionMakerRole() != null) {
        Map<String, Object> role = new LinkedHashMap<>();
        putIf(role, "practitioner", maker == null ? null : reference(maker, cpr.decisionMaker()));
        role.put("code", List.of(text(cpr.decisionMakerRole())));
        performer = entries.add("cpr-decision-maker-role", "PractitionerRole", role);
      }
      observation.put("performer", List.of(reference(performer, display)));
    }
    Map<String, Object> value = new LinkedHashMap<>(concept(SNOMED, cpr.decision().snomedCode(),
        cpr.decision().display()));
    value.put("text", cpr.decision().display());
    observation.put("valueCodeableConcept", value);
    List<Map<String, Object>> components = new ArrayList<>();
    components.add(component("Discussed with the patient", "valueBoolean", cpr.discussedWithPatient()));
    components.add(component("Discussed with the carer", "valueBoolean", cpr.discussedWithCarer()));
    components.add(component("Where the signed form is kept", "valueString", cpr.whereDocumented()));
    components.add(component("Review date", "valueDateTime",
        cpr.reviewDate() == null ? null : cpr.reviewDate().toString()));
    if (plan.informationGiven() != null) {
      components.add(component("Patient aware of the decision", "valueBoolean",
          plan.informationGiven().patientAwareOfCprDecision()));
      components.add(component("Family informed of the decision", "valueBoolean",
          plan.informationGiven().familyInformedOfCprDecision()));
    }
    putIf(observation, "component", components.stream().filter(Objects::nonNull).toList());
    return observation;
  }

  /**
   * The ADRT document. Its {@code date} would be when this reference was made, so the day the decision was made is
   * the period of what the document records; R4 has no element for where a paper original is kept, so the
   * attachment's title says it, and the CarePlan's note repeats all of it for readers that show notes only.
   */
  private static Map<String, Object> adrt(String nhsNumber, PlanContent.Adrt adrt, Map<String, Object> patient,
      String baseUrl) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("status", "current");
    document.put("type", text("Advance decision to refuse treatment"));
    document.put("subject", patient);
    putIf(document, "description", adrt.decision());
    if (adrt.madeOn() != null) {
      document.put("context", Map.of("period", Map.of("start", adrt.madeOn().toString())));
    }
    Map<String, Object> attachment = new LinkedHashMap<>();
    putIf(attachment, "url", adrt.attachmentId() == null ? null
        : baseUrl + "/plans/" + nhsNumber + "/attachments/" + adrt.attachmentId());
    attachment.put("title", "Advance decision to refuse treatment"
        + (adrt.documentLocation() == null ? "" : " (original kept: " + adrt.documentLocation() + ")"));
    document.put("content", List.of(Map.of("attachment", attachment)));
    return document;
  }

  private static String adrtNote(PlanContent.Adrt adrt) {
    if (adrt == null || adrt.exists() == null) {
      return null;
    }
    if (!adrt.exists()) {
      return "Advance decision to refuse treatment: none";
    }
    return "Advance decision to refuse treatment: " + join("; ", adrt.decision(),
        adrt.madeOn() == null ? null : "made on " + adrt.madeOn(),
        adrt.documentLocation() == null ? null : "original kept: " + adrt.documentLocation(),
        adrt.attachmentId() == null ? null : "a copy is attached");
  }

  /**
   * A carer or key supporter. Whether they hold a health and welfare Lasting Power of Attorney is the relationship
   * HPOWATT; R4 has no element for whether it reaches life-sustaining treatment, which decides who may refuse it, so
   * that is an extension (and the relationship's text says it for readers that ignore extensions).
   */
  private static Map<String, Object> relatedPerson(PlanContent.Supporter supporter, String role,
      Map<String, Object> patient) {
    Map<String, Object> person = new LinkedHashMap<>();
    if (supporter.lpa() != null) {
      person.put("extension", List.of(Map.of("url", LPA_AUTHORITY, "valueCodeableConcept",
          Map.of("coding", List.of(coding(LPA_AUTHORITY_CODES, supporter.lpa().name(), lpa(supporter.lpa()))),
              "text", lpa(supporter.lpa())))));
    }
    person.put("active", true);
    person.put("patient", patient);
    List<Map<String, Object>> relationship = new ArrayList<>();
    relationship.add(Map.of("coding", List.of(coding(CONTACT_ROLE, "C", "Emergency Contact")), "text", role));
    if (supporter.relationship() != null) {
      relationship.add(text(supporter.relationship()));
    }
    if (supporter.lpa() != null && supporter.lpa() != LpaAuthority.NONE) {
      relationship.add(Map.of("coding", List.of(coding(ROLE_CODE, "HPOWATT", "healthcare power of attorney")),
          "text", lpa(supporter.lpa())));
    }
    person.put("relationship", relationship);
    putIf(person, "name", supporter.name() == null ? null : List.of(Map.of("text", supporter.name())));
    putIf(person, "telecom", phone(supporter.telephone()));
    return person;
  }

  private static void allergies(PlanContent plan, Map<String, Object> patient, Entries entries) {
    int index = 0;
    for (PlanContent.Allergy allergy : listOf(plan.allergies())) {
      Map<String, Object> intolerance = allergy(patient);
      intolerance.put("code", text(String.valueOf(allergy.substance())));
      putIf(intolerance, "reaction", allergy.reaction() == null ? null
          : List.of(Map.of("manifestation", List.of(text(allergy.reaction())))));
      entries.add("allergy-" + ++index, "AllergyIntolerance", intolerance);
    }
    if (index == 0 && Boolean.TRUE.equals(plan.noKnownAllergies())) {
      Map<String, Object> none = allergy(patient);
      none.put("code", concept(SNOMED, "716186003", "No known allergy"));
      entries.add("allergy-none", "AllergyIntolerance", none);
    }
  }

  private static Map<String, Object> allergy(Map<String, Object> patient) {
    Map<String, Object> intolerance = new LinkedHashMap<>();
    intolerance.put("clinicalStatus", concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
        "active", "Active"));
    intolerance.put("patient", patient);
    return intolerance;
  }

  private static void medicines(PlanContent plan, Map<String, Object> patient, Entries entries) {
    int index = 0;
    for (PlanContent.Medication medicine : listOf(plan.medications())) {
      Map<String, Object> statement = new LinkedHashMap<>();
      statement.put("status", "active");
      statement.put("medicationCodeableConcept", text(String.valueOf(medicine.name())));
      statement.put("subject", patient);
      putIf(statement, "note", medicine.notes() == null ? null : List.of(note(medicine.notes())));
      putIf(statement, "dosage", medicine.dose() == null ? null : List.of(Map.of("text", medicine.dose())));
      entries.add("medication-" + ++index, "MedicationStatement", statement);
    }
    PlanContent.AnticipatoryMedicines anticipatory = plan.anticipatoryMedicines();
    if (anticipatory != null) {
      Map<String, Object> statement = new LinkedHashMap<>();
      statement.put("status", Boolean.FALSE.equals(anticipatory.prescribed()) ? "not-taken" : "active");
      statement.put("category", text("Anticipatory (just in case) medicines"));
      statement.put("medicationCodeableConcept", text(anticipatory.details() == null
          ? "Anticipatory (just in case) medicines" : anticipatory.details()));
      statement.put("subject", patient);
      putIf(statement, "note", anticipatory.whereKept() == null ? null
          : List.of(note("Kept at: " + anticipatory.whereKept())));
      entries.add("anticipatory-medicines", "MedicationStatement", statement);
    }
  }

  private static List<Map<String, Object>> conditions(PlanContent plan, Map<String, Object> patient,
      Entries entries) {
    PlanContent.Diagnoses diagnoses = plan.diagnoses();
    List<Map<String, Object>> addresses = new ArrayList<>();
    if (diagnoses == null) {
      return addresses;
    }
    if (diagnoses.primaryEndOfLifeDiagnosis() != null) {
      Map<String, Object> condition = condition(diagnoses.primaryEndOfLifeDiagnosis(), patient);
      PlanContent.InformationGiven given = plan.informationGiven();
      List<Map<String, Object>> notes = Stream.of(
              label("Prognosis", diagnoses.prognosis()),
              given == null ? null : label("Patient aware of the prognosis", yesNo(given.patientAwareOfPrognosis())),
              given == null ? null : label("Carer aware of the prognosis", yesNo(given.carerAwareOfPrognosis())))
          .map(FhirPlan::note).filter(Objects::nonNull).toList();
      putIf(condition, "note", notes);
      addresses.add(reference(entries.add("condition-1", "Condition", condition),
          diagnoses.primaryEndOfLifeDiagnosis()));
    }
    int index = 1;
    for (String other : listOf(diagnoses.otherDiagnoses())) {
      if (other != null) {
        addresses.add(reference(entries.add("condition-" + ++index, "Condition", condition(other, patient)), other));
      }
    }
    return addresses;
  }

  private static Map<String, Object> condition(String diagnosis, Map<String, Object> patient) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("clinicalStatus", concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active",
        "Active"));
    condition.put("code", text(diagnosis));
    condition.put("subject", patient);
    return condition;
  }

  /**
   * How far to escalate, and what else to do, are in force for any crisis ({@code in-progress}); R4 CarePlan has no
   * review date, and a review planned for a day is what a scheduled activity records.
   */
  private static List<Map<String, Object>> activities(PlanContent plan) {
    List<Map<String, Object>> activities = new ArrayList<>();
    CeilingOfTreatment ceiling = plan.ceilingOfTreatment();
    if (ceiling != null) {
      activities.add(Map.of("detail", Map.of("code", Map.of(
              "coding", List.of(coding(CEILING_OF_TREATMENT_CODES, ceiling.name(), ceiling(ceiling))),
              "text", "Ceiling of treatment: " + ceiling(ceiling)),
          "status", "in-progress")));
    }
    if (plan.otherTreatmentRecommendations() != null) {
      activities.add(Map.of("detail", Map.of("code", text("Other recommendations"), "status", "in-progress",
          "description", plan.otherTreatmentRecommendations())));
    }
    if (plan.plannedReviewDate() != null) {
      activities.add(Map.of("detail", Map.of("code", text("Review of this plan"), "status", "scheduled",
          "scheduledPeriod", Map.of("start", plan.plannedReviewDate().toString()))));
    }
    return activities;
  }

  private static Map<String, Object> practice(PlanContent.GeneralPractitioner gp, Entries entries) {
    if (gp.practiceName() == null && gp.practiceCode() == null) {
      return null;
    }
    Map<String, Object> practice = reference(organisation(gp.practiceCode() == null ? null
        : gp.practiceCode().value(), gp.practiceName(), gp.telephone(), entries), gp.practiceName());
    if (gp.practiceCode() != null) {
      practice.put("identifier", identifier(ODS, gp.practiceCode().value()));
    }
    return practice;
  }

  private static String practiceName(PlanContent.GeneralPractitioner gp) {
    return organisationName(gp.practiceCode() == null ? null : gp.practiceCode().value());
  }

  /** Each organisation once, by its ODS code: a practice that also published the plan is one Organization. */
  private static String organisationName(String odsCode) {
    return odsCode == null ? "practice" : "organisation-" + odsCode;
  }

  private static String organisation(String odsCode, String name, String telephone, Entries entries) {
    Map<String, Object> organisation = new LinkedHashMap<>();
    putIf(organisation, "identifier", odsCode == null ? null : List.of(identifier(ODS, odsCode)));
    putIf(organisation, "name", name);
    putIf(organisation, "telecom", phone(telephone));
    return entries.add(organisationName(odsCode), "Organization", organisation);
  }

  private static Map<String, Object> practitioner(String name, String telephone, String identifier) {
    Map<String, Object> practitioner = new LinkedHashMap<>();
    putIf(practitioner, "identifier", identifier == null ? null : List.of(identifier(SDS_USER_ID, identifier)));
    putIf(practitioner, "name", name == null ? null : List.of(Map.of("text", name)));
    putIf(practitioner, "telecom", phone(telephone));
    return practitioner;
  }

  private static Map<String, Object> participant(List<Map<String, Object>> roles, Map<String, Object> member,
      Map<String, Object> onBehalfOf) {
    Map<String, Object> participant = new LinkedHashMap<>();
    putIf(participant, "role", roles);
    participant.put("member", member);
    putIf(participant, "onBehalfOf", onBehalfOf);
    return participant;
  }

  private static Map<String, Object> component(String what, String valueType, Object value) {
    if (value == null) {
      return null;
    }
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("code", text(what));
    component.put(valueType, value);
    return component;
  }

  private static String ceiling(CeilingOfTreatment ceiling) {
    return switch (ceiling) {
      case FULL_ESCALATION -> "Full escalation of treatment";
      case SELECTIVE_TREATMENT -> "Selective treatment: ward-based, no intensive care";
      case SYMPTOMATIC_COMFORT_CARE -> "Symptomatic and comfort care";
    };
  }

  private static String lpa(LpaAuthority lpa) {
    return switch (lpa) {
      case NONE -> "No Lasting Power of Attorney for health and welfare";
      case WITHOUT_LIFE_SUSTAINING_TREATMENT ->
          "Lasting Power of Attorney for health and welfare, not including life-sustaining treatment";
      case WITH_LIFE_SUSTAINING_TREATMENT ->
          "Lasting Power of Attorney for health and welfare, including life-sustaining treatment";
    };
  }

  /** FHIR's administrative gender, where the plan's free text says one; anything else is left out, not guessed. */
  private static String gender(String stated) {
    if (stated == null) {
      return null;
    }
    return switch (stated.strip().toLowerCase(Locale.ROOT)) {
      case "male", "m" -> "male";
      case "female", "f" -> "female";
      case "other" -> "other";
      case "unknown" -> "unknown";
      default -> null;
    };
  }

  private static List<Map<String, Object>> phone(String telephone) {
    return telephone == null ? null : List.of(Map.of("system", "phone", "value", telephone));
  }

  private static Map<String, Object> note(String text) {
    return text == null ? null : Map.of("text", text);
  }

  private static String label(String label, Object value) {
    return value == null ? null : label + ": " + (value instanceof Enum<?> e ? readable(e) : value);
  }

  private static String readable(Enum<?> value) {
    String words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String yesNo(Boolean value) {
    return value == null ? null : value ? "yes" : "no";
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, Stream.of(parts).filter(Objects::nonNull).toList());
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, Object> text(String text) {
    return Map.of("text", text);
  }

  private static Map<String, Object> coding(String system, String code, String display) {
    Map<String, Object> coding = new LinkedHashMap<>();
    coding.put("system", system);
    coding.put("code", code);
    putIf(coding, "display", display);
    return coding;
  }

  private static Map<String, Object> concept(String system, String code, String display) {
    return Map.of("coding", List.of(coding(system, code, display)));
  }

  private static Map<String, Object> identifier(String system, String value) {
    return Map.of("system", system, "value", value);
  }

  private static Map<String, Object> reference(String ref, String display) {
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("reference", ref);
    putIf(reference, "display", display);
    return reference;
  }

  private static void putIf(Map<String, Object> map, String key, Object value) {
    if (value != null && !(value instanceof Collection<?> collection && collection.isEmpty())) {
      map.put(key, value);
    }
  }

  /**
   * The Bundle's entries. A {@code urn:uuid} full URL must be a UUID: each is derived from the plan, the version and
   * what the resource is, so that the same version always gives the same Bundle and resources refer to each other
   * before they are added.
   */
  private static final class Entries {

    private final String seed;
    private final List<Map<String, Object>> list = new ArrayList<>();
    private final Map<String, Map<String, Object>> added = new HashMap<>();

    Entries(PlanVersion version) {
      seed = version.planId + "/" + version.version + "/";
    }

    String ref(String name) {
      return "urn:uuid:" + id(name);
    }

    /**
     * Adds the resource; to one of that name added already, only the fields it lacks. The full URL either way.
     */
    String add(String name, String type, Map<String, Object> fields) {
      return insert(list.size(), name, type, fields);
    }

    String insert(int position, String name, String type, Map<String, Object> fields) {
      Map<String, Object> existing = added.get(name);
      if (existing != null) {
        fields.forEach(existing::putIfAbsent);
        return ref(name);
      }
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("resourceType", type);
      resource.put("id", id(name).toString());
      resource.putAll(fields);
      added.put(name, resource);
      list.add(position, Map.of("fullUrl", ref(name), "resource", resource));
      return ref(name);
    }

    private UUID id(String name) {
      return UUID.nameUUIDFromBytes((seed + name).getBytes(StandardCharsets.UTF_8));
    }
  }
}
