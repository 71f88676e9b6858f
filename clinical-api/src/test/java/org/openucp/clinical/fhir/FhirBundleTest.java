package org.openucp.clinical.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;

import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.Plans;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/** The FHIR Bundle of a published version carries what the crisis view and the printed plan carry. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class FhirBundleTest {

  private static final String FHIR_JSON = "application/fhir+json";
  private static final String CPR = "entry.find { it.resource.code?.text == 'CPR recommendation' }.resource";

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldCarryTheCprDecisionWithWhoDecidedWhenWhereTheFormIsKeptAndWhenToReviewIt() {
    String patient = api.publishedPlan(aPlan().with("cpr", Map.of("decision", "CPR_NOT_RECOMMENDED",
        "decidedOn", "2026-11-01", "decisionMaker", "Dr Amara Okafor",
        "decisionMakerRole", "Consultant in palliative medicine", "discussedWithPatient", true,
        "discussedWithCarer", false, "whereDocumented", "Red folder by the front door", "reviewDate", "2027-05-01")));

    JsonPath bundle = bundle(patient);

    assertThat(bundle.getString(CPR + ".resourceType")).isEqualTo("Observation");
    assertThat(bundle.getString(CPR + ".valueCodeableConcept.coding[0].code")).isEqualTo("450476008");
    assertThat(bundle.getString(CPR + ".effectiveDateTime")).isEqualTo("2026-11-01");
    assertThat(bundle.getString(CPR + ".performer[0].display"))
        .isEqualTo("Dr Amara Okafor, Consultant in palliative medicine");
    String role = resolve(bundle, bundle.getString(CPR + ".performer[0].reference"));
    assertThat(bundle.getString(role + ".resourceType")).isEqualTo("PractitionerRole");
    assertThat(bundle.getString(role + ".code[0].text")).isEqualTo("Consultant in palliative medicine");
    String maker = resolve(bundle, bundle.getString(role + ".practitioner.reference"));
    assertThat(bundle.getString(maker + ".name[0].text")).isEqualTo("Dr Amara Okafor");
    assertThat(component(bundle, "Discussed with the patient", "valueBoolean")).isEqualTo("true");
    assertThat(component(bundle, "Discussed with the carer", "valueBoolean")).isEqualTo("false");
    assertThat(component(bundle, "Where the signed form is kept", "valueString"))
        .isEqualTo("Red folder by the front door");
    assertThat(component(bundle, "Review date", "valueDateTime")).isEqualTo("2027-05-01");
    assertThat(bundle.getList("entry.find { it.resource.resourceType == 'CarePlan' }.resource.supportingInfo"
        + ".reference", String.class)).contains(bundle.getString(
            "entry.find { it.resource.code?.text == 'CPR recommendation' }.fullUrl"));
  }

  @Test
  void shouldCarryEachSupportersLastingPowerOfAttorneyAndWhetherItCoversLifeSustainingTreatment() {
    String patient = api.publishedPlan(aPlan()
        .with("mainCarer", Map.of("name", "Chris Smith", "relationship", "Husband", "telephone", "020 7946 0001",
            "lpa", "WITH_LIFE_SUSTAINING_TREATMENT"))
        .with("keySupporters", List.of(
            Map.of("name", "Alex Smith", "relationship", "Daughter", "telephone", "07700 900456",
                "lpa", "WITHOUT_LIFE_SUSTAINING_TREATMENT"),
            Map.of("name", "Jo Bloggs", "relationship", "Neighbour", "telephone", "07700 900789", "lpa", "NONE"))));

    JsonPath bundle = bundle(patient);

    String carer = relatedPerson("Chris Smith");
    assertThat(bundle.getString(carer + ".telecom[0].value")).isEqualTo("020 7946 0001");
    assertThat(bundle.getList(carer + ".relationship.text", String.class))
        .contains("Main carer", "Husband",
            "Lasting Power of Attorney for health and welfare, including life-sustaining treatment");
    assertThat(bundle.getList(carer + ".relationship.coding.flatten().code", String.class)).contains("HPOWATT");
    assertThat(lpa(bundle, carer)).isEqualTo("WITH_LIFE_SUSTAINING_TREATMENT");

    String daughter = relatedPerson("Alex Smith");
    assertThat(bundle.getList(daughter + ".relationship.text", String.class)).contains("Key supporter", "Daughter",
        "Lasting Power of Attorney for health and welfare, not including life-sustaining treatment");
    assertThat(bundle.getList(daughter + ".relationship.coding.flatten().code", String.class)).contains("HPOWATT");
    assertThat(lpa(bundle, daughter)).isEqualTo("WITHOUT_LIFE_SUSTAINING_TREATMENT");

    String neighbour = relatedPerson("Jo Bloggs");
    assertThat(bundle.getList(neighbour + ".relationship.coding.flatten().code", String.class))
        .doesNotContain("HPOWATT");
    assertThat(lpa(bundle, neighbour)).isEqualTo("NONE");
    assertThat(bundle.getString(neighbour + ".telecom[0].value")).isEqualTo("07700 900789");
  }

  @Test
  void shouldCarryIdentityPreferencesAdrtMedicinesContactsAndTheBanner() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);
    String document = api.attach(patient);
    Plans plan = aPlan().withPerson("preferredName", "Edie").withPerson("telephone", "020 7946 0999")
        .with("gp", Map.of("name", "Dr Jane Doe", "practiceName", "Demo Medical Practice", "practiceCode", "A83008",
            "telephone", "020 7946 0100"))
        .with("keyWorker", Map.of("name", "Sam Nurse", "role", "District nurse", "telephone", "020 7946 0200"))
        .with("otherTreatmentRecommendations", "Treat infections at home")
        .with("adrt", Map.of("exists", true, "decision", "Refuses mechanical ventilation", "madeOn", "2026-10-01",
            "documentLocation", "With the GP practice", "attachmentId", document));
    api.saveDraft(Personas.GP, patient, api.revision(patient), plan).then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);

    JsonPath bundle = bundle(patient);

    String person = "entry[1].resource";
    assertThat(bundle.getString(person + ".resourceType")).isEqualTo("Patient");
    assertThat(bundle.getString(person + ".name.find { it.use == 'official' }.family")).isEqualTo("Smith");
    assertThat(bundle.getString(person + ".name.find { it.use == 'official' }.given[0]")).isEqualTo("Edith");
    assertThat(bundle.getString(person + ".name.find { it.use == 'usual' }.text")).isEqualTo("Edie");
    assertThat(bundle.getString(person + ".birthDate")).isEqualTo("1948-03-12");
    assertThat(bundle.getString(person + ".address[0].text")).isEqualTo("1 Demo Street, London");
    assertThat(bundle.getString(person + ".address[0].postalCode")).isEqualTo("SW3 6JJ");
    assertThat(bundle.getString(person + ".telecom[0].value")).isEqualTo("020 7946 0999");
    assertThat(bundle.getString(person + ".identifier[0].value")).isEqualTo(patient);
    assertThat(bundle.getString(person + ".identifier[0].extension[0].valueCodeableConcept.coding[0].code"))
        .isEqualTo("01");

    String carePlan = "entry[2].resource";
    assertThat(bundle.getString(carePlan + ".resourceType")).isEqualTo("CarePlan");
    assertThat(bundle.getList(carePlan + ".activity.detail.code.coding.flatten().code", String.class))
        .contains("SELECTIVE_TREATMENT");
    assertThat(bundle.getString(carePlan + ".activity.find { it.detail.code.text == 'Other recommendations' }"
        + ".detail.description")).isEqualTo("Treat infections at home");
    assertThat(bundle.getString(carePlan + ".activity.find { it.detail.code.text == 'Review of this plan' }"
        + ".detail.scheduledPeriod.start")).isEqualTo(plan.content().get("plannedReviewDate"));
    assertThat(bundle.getList(carePlan + ".note.text", String.class)).contains(
        "What matters to me: Being at home with my cat.", "Preferred place of care: Home",
        "Preferred place of death (1st choice): Home", "Preferred place of death (2nd choice): Hospice",
        "Advance decision to refuse treatment: Refuses mechanical ventilation; made on 2026-10-01; "
            + "original kept: With the GP practice; a copy is attached");
    assertThat(bundle.getString(carePlan + ".author.identifier.value")).isEqualTo(Personas.DEMO_PRACTICE);
    assertThat(bundle.getString(carePlan + ".author.display")).isEqualTo("Demo Medical Practice");
    assertThat(bundle.getString(carePlan + ".meta.versionId")).isEqualTo("1");

    String adrt = "entry.find { it.resource.resourceType == 'DocumentReference' }.resource";
    assertThat(bundle.getString(adrt + ".description")).isEqualTo("Refuses mechanical ventilation");
    assertThat(bundle.getString(adrt + ".context.period.start")).isEqualTo("2026-10-01");
    assertThat(bundle.getString(adrt + ".content[0].attachment.title")).contains("With the GP practice");
    String attachment = bundle.getString(adrt + ".content[0].attachment.url");
    assertThat(attachment).endsWith("/plans/" + patient + "/attachments/" + document);
    assertThat(api.as(Personas.PARAMEDIC).when().get(attachment).then().statusCode(200).extract().asByteArray())
        .isEqualTo(ClinicalApi.PDF);

    assertThat(bundle.getList("entry.findAll { it.resource.resourceType == 'MedicationStatement' }.resource"
        + ".note.flatten().text", String.class)).contains("Kept at: Kitchen drawer, blue box");

    String team = "entry.find { it.resource.resourceType == 'CareTeam' }.resource";
    String keyWorker = resolve(bundle, bundle.getString(team + ".participant.find { it.role*.text.contains("
        + "'Key worker') }.member.reference"));
    assertThat(bundle.getString(keyWorker + ".name[0].text")).isEqualTo("Sam Nurse");
    assertThat(bundle.getString(keyWorker + ".telecom[0].value")).isEqualTo("020 7946 0200");
    String gp = team + ".participant.find { it.role*.text.contains('GP') }";
    assertThat(bundle.getString(resolve(bundle, bundle.getString(gp + ".member.reference")) + ".telecom[0].value"))
        .isEqualTo("020 7946 0100");
    assertThat(bundle.getString(resolve(bundle, bundle.getString(gp + ".onBehalfOf.reference"))
        + ".identifier[0].value")).isEqualTo("A83008");

    String provenance = "entry.find { it.resource.resourceType == 'Provenance' }.resource";
    assertThat(bundle.getString(provenance + ".recorded")).isEqualTo(bundle.getString(carePlan + ".created"));
    assertThat(bundle.getString(provenance + ".agent[0].who.display")).isEqualTo("Dr Jane Doe");
    assertThat(bundle.getString(provenance + ".agent[0].role[0].coding[0].code")).isEqualTo("R0260");
    assertThat(bundle.getString(provenance + ".agent[0].role[0].text")).isEqualTo("General Medical Practitioner");
    assertThat(bundle.getString(provenance + ".agent[0].onBehalfOf.display")).isEqualTo("Demo Medical Practice");
  }

  @Test
  void shouldUseAUuidForEveryEntryAndResolveEveryReferenceWithinTheBundle() {
    String patient = api.publishedPlan(aPlan().withDnacpr()
        .with("keySupporters", List.of(Map.of("name", "Alex Smith", "lpa", "NONE"))));

    JsonPath bundle = bundle(patient);

    List<String> fullUrls = bundle.getList("entry.fullUrl", String.class);
    assertThat(fullUrls).doesNotHaveDuplicates().allSatisfy(url -> {
      assertThat(url).startsWith("urn:uuid:");
      assertThat(UUID.fromString(url.substring("urn:uuid:".length()))).isNotNull();
    });
    List<String> references = new ArrayList<>();
    collectReferences(bundle.getMap(""), references);
    assertThat(references).hasSizeGreaterThan(10);
    assertThat(fullUrls).containsAll(references);
    assertThat(bundle.prettify()).doesNotContain("\"null\"");
  }

  @Test
  void shouldBeADocumentWhoseCompositionComesFirstWithSectionsInTheReSpectOrderOfTheCrisisView() {
    String patient = publishedRichPlan();

    JsonPath bundle = bundle(patient);

    assertThat(bundle.getString("type")).isEqualTo("document");
    assertThat(bundle.getString("identifier.system")).isEqualTo("urn:ietf:rfc:3986");
    assertThat(UUID.fromString(bundle.getString("identifier.value").substring("urn:uuid:".length()))).isNotNull();
    String carePlan = "entry.find { it.resource.resourceType == 'CarePlan' }.resource";
    assertThat(bundle.getString("timestamp")).isNotBlank().isEqualTo(bundle.getString(carePlan + ".created"));

    String composition = "entry[0].resource";
    assertThat(bundle.getString(composition + ".resourceType")).isEqualTo("Composition");
    assertThat(bundle.getString(composition + ".status")).isEqualTo("final");
    assertThat(bundle.getString(composition + ".type.coding[0].code")).isEqualTo("861421000000109");
    assertThat(bundle.getString(composition + ".title")).isEqualTo("Urgent care plan, version 1");
    assertThat(bundle.getString(composition + ".date")).isEqualTo(bundle.getString("timestamp"));
    String subject = resolve(bundle, bundle.getString(composition + ".subject.reference"));
    assertThat(bundle.getString(subject + ".resourceType")).isEqualTo("Patient");
    assertThat(bundle.getString(subject + ".identifier[0].value")).isEqualTo(patient);
    List<String> authors = bundle.getList(composition + ".author.reference", String.class);
    assertThat(authors).hasSize(2);
    assertThat(bundle.getString(resolve(bundle, authors.get(0)) + ".name[0].text")).isEqualTo("Dr Jane Doe");
    assertThat(bundle.getString(resolve(bundle, authors.get(1)) + ".identifier[0].value"))
        .isEqualTo(Personas.DEMO_PRACTICE);

    // The ReSPECT order of the crisis view (CrisisSection), then what the crisis view's banner says.
    assertThat(bundle.getList(composition + ".section.title", String.class)).containsExactly(
        "Patient",
        "CPR recommendation",
        "Ceiling of treatment and clinical recommendations",
        "Advance decision to refuse treatment (ADRT)",
        "Capacity and representation",
        "What matters to me and my preferences",
        "Allergies and medicines",
        "Who to call",
        "This plan");
    assertThat(sectionEntries(bundle, 0)).containsExactly("Patient");
    assertThat(sectionEntries(bundle, 1)).containsExactly("Observation");
    assertThat(bundle.getString(resolve(bundle, bundle.getString(composition + ".section[1].entry[0].reference"))
        + ".code.text")).isEqualTo("CPR recommendation");
    assertThat(sectionEntries(bundle, 2)).containsExactly("CarePlan");
    assertThat(sectionEntries(bundle, 3)).containsExactly("DocumentReference");
    assertThat(sectionEntries(bundle, 4)).containsExactly("RelatedPerson", "RelatedPerson");
    assertThat(bundle.getList(composition + ".section[4].entry.display", String.class))
        .containsExactly("Chris Smith", "Alex Smith");
    assertThat(sectionEntries(bundle, 5)).containsExactly("CarePlan");
    assertThat(sectionEntries(bundle, 6)).containsExactly("AllergyIntolerance", "AllergyIntolerance",
        "MedicationStatement", "MedicationStatement");
    assertThat(sectionEntries(bundle, 7)).containsExactly("CareTeam");
    assertThat(sectionEntries(bundle, 8)).containsExactly("Provenance");

    // Each section says in its narrative what the crisis view says there, for readers that render documents only.
    assertThat(bundle.getList(composition + ".section.text.status", String.class)).containsOnly("generated");
    assertThat(narrative(bundle, 0)).contains("Edith Smith", "Edie", patient, "SW3 6JJ", "Bengali");
    assertThat(narrative(bundle, 1)).contains("CPR attempts NOT recommended", "Dr Amara Okafor",
        "Red folder by the front door", "2027-05-01");
    assertThat(narrative(bundle, 2)).contains("Selective treatment", "Treat infections at home");
    assertThat(narrative(bundle, 3)).contains("Refuses mechanical ventilation", "With the GP practice");
    assertThat(narrative(bundle, 4)).contains("Chris Smith", "including life-sustaining treatment",
        "not including life-sustaining treatment").doesNotContain("Jo Bloggs");
    assertThat(narrative(bundle, 5)).contains("Being at home with my cat.", "Hospice", "Music in the evening");
    assertThat(narrative(bundle, 6)).contains("Penicillin", "Latex", "Morphine sulfate MR",
        "Kitchen drawer, blue box");
    assertThat(narrative(bundle, 7)).contains("Chris Smith", "Jo Bloggs", "Sam Nurse", "020 7946 0100");
    assertThat(narrative(bundle, 8)).contains("Version 1", "Dr Jane Doe", "not legally binding");
  }

  @Test
  void shouldSayOfAnEmptySectionWhyItIsEmpty() {
    String patient = api.publishedPlan(aPlan().with("adrt", Map.of("exists", false)));

    JsonPath bundle = bundle(patient);

    String adrt = "entry[0].resource.section.find { it.title == 'Advance decision to refuse treatment (ADRT)' }";
    assertThat(bundle.getList(adrt + ".entry", Object.class)).isNullOrEmpty();
    assertThat(bundle.getString(adrt + ".emptyReason.coding[0].code")).isEqualTo("nilknown");
    assertThat(bundle.getString(adrt + ".text.div")).contains("Advance decision to refuse treatment: none");
    String representation = "entry[0].resource.section.find { it.title == 'Capacity and representation' }";
    assertThat(bundle.getList(representation + ".entry", Object.class)).isNullOrEmpty();
    assertThat(bundle.getString(representation + ".text.div"))
        .contains("No Lasting Power of Attorney for health and welfare recorded");
  }

  @Test
  void shouldPassHapisValidationAgainstBaseR4ForARichPlan() {
    String json = fhirJson(publishedRichPlan());

    ValidationResult result = R4Validation.validate(json);

    List<SingleValidationMessage> errors = R4Validation.errors(result);
    assertThat(errors).as(R4Validation.describe(errors)).isEmpty();
    // It read this Bundle down to the extensions: it says what it could not check of ours by name.
    assertThat(result.getMessages()).anySatisfy(message ->
        assertThat(message.getMessage()).contains(FhirPlan.LPA_AUTHORITY));
    assertThat(json).doesNotContain("null");
  }

  @Test
  void shouldRegisterForReflectionEveryModelClassThatARichPlansBundleIsMadeOf() {
    Bundle bundle = FhirR4.context().newJsonParser().parseResource(Bundle.class, fhirJson(publishedRichPlan()));

    FhirTerser terser = FhirR4.context().newTerser();
    Set<Class<?>> used = new HashSet<>();
    used.add(Bundle.class);
    terser.getAllPopulatedChildElementsOfType(bundle, IBase.class).forEach(element -> used.add(element.getClass()));
    bundle.getEntry().forEach(entry -> terser.getAllPopulatedChildElementsOfType(entry.getResource(), IBase.class)
        .forEach(element -> used.add(element.getClass())));

    assertThat(used).hasSizeGreaterThan(30);
    assertThat(Set.of(FhirR4.class.getAnnotation(RegisterForReflection.class).targets())).containsAll(used);
    assertThat(Set.of(FhirR4.class.getAnnotation(RegisterForReflection.class).targets()))
        .containsAll(FhirR4.RESOURCES);
  }

  @Test
  void shouldServeTheBundleAsFhirJsonUnlessPlainJsonIsAskedFor() {
    String patient = api.publishedPlan(aPlan());

    assertThat(fhir(patient, api.as(Personas.PARAMEDIC)).then().statusCode(200).extract().contentType())
        .startsWith(FHIR_JSON);
    assertThat(fhir(patient, api.as(Personas.PARAMEDIC).accept("*/*")).then().statusCode(200).extract()
        .contentType()).startsWith(FHIR_JSON);
    assertThat(fhir(patient, api.as(Personas.PARAMEDIC).accept(FHIR_JSON)).then().statusCode(200).extract()
        .contentType()).startsWith(FHIR_JSON);
    assertThat(fhir(patient, api.as(Personas.PARAMEDIC).accept("application/json")).then().statusCode(200)
        .extract().contentType()).startsWith("application/json");
  }

  /**
   * A plan with every part a published plan can have: CPR with all its details, carers and supporters with and
   * without an LPA, an ADRT with its scanned copy attached, anticipatory medicines, allergies, everyone to call.
   */
  private String publishedRichPlan() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);
    String document = api.attach(patient);
    Plans plan = aPlan().withPerson("preferredName", "Edie").withPerson("telephone", "020 7946 0999")
        .withPerson("gender", "female")
        .with("gp", Map.of("name", "Dr Jane Doe", "practiceName", "Demo Medical Practice", "practiceCode", "A83008",
            "telephone", "020 7946 0100"))
        .with("keyWorker", Map.of("name", "Sam Nurse", "role", "District nurse", "telephone", "020 7946 0200"))
        .with("mainCarer", Map.of("name", "Chris Smith", "relationship", "Husband", "telephone", "020 7946 0001",
            "lpa", "WITH_LIFE_SUSTAINING_TREATMENT"))
        .with("carerSupportAvailable", true)
        .with("keySupporters", List.of(
            Map.of("name", "Alex Smith", "relationship", "Daughter", "telephone", "07700 900456",
                "lpa", "WITHOUT_LIFE_SUSTAINING_TREATMENT"),
            Map.of("name", "Jo Bloggs", "relationship", "Neighbour", "telephone", "07700 900789", "lpa", "NONE")))
        .with("involvedProfessionals", List.of(Map.of("name", "Dr Amara Okafor",
            "professionalGroup", "Palliative medicine", "organisation", "Demo Hospice", "telephone", "020 7946 0300")))
        .with("diagnoses", Map.of("primaryEndOfLifeDiagnosis", "Metastatic lung cancer",
            "otherDiagnoses", List.of("COPD", "Type 2 diabetes"), "prognosis", "MONTHS"))
        .with("noKnownAllergies", false)
        .with("allergies", List.of(Map.of("substance", "Penicillin", "reaction", "Rash"),
            Map.of("substance", "Latex")))
        .with("medications", List.of(Map.of("name", "Morphine sulfate MR", "dose", "10 mg twice daily",
            "notes", "For breathlessness")))
        .with("anticipatoryMedicines", Map.of("prescribed", true,
            "details", "Midazolam, morphine, levomepromazine, hyoscine butylbromide",
            "whereKept", "Kitchen drawer, blue box"))
        .with("functionalLevel", "LIMITED_SELF_CARE")
        .with("specialRequirements", Map.of("interpreterNeeded", true, "preferredLanguage", "Bengali",
            "disability", "Hard of hearing", "notes", "Speak slowly, face her"))
        .with("cpr", Map.of("decision", "CPR_NOT_RECOMMENDED", "decidedOn", "2026-11-01",
            "decisionMaker", "Dr Amara Okafor", "decisionMakerRole", "Consultant in palliative medicine",
            "discussedWithPatient", true, "discussedWithCarer", true,
            "whereDocumented", "Red folder by the front door", "reviewDate", "2027-05-01"))
        .with("otherTreatmentRecommendations", "Treat infections at home")
        .with("preferences", Map.of("preferredPlaceOfCare", "HOME", "preferredPlaceOfDeath", "HOME",
            "secondPreferredPlaceOfDeath", "HOSPICE", "othersToInvolve", "My daughter Alex",
            "otherPreferences", "Music in the evening"))
        .with("advanceStatement", "I do not want to go back into hospital.")
        .with("adrt", Map.of("exists", true, "decision", "Refuses mechanical ventilation", "madeOn", "2026-10-01",
            "documentLocation", "With the GP practice", "attachmentId", document))
        .with("informationGiven", Map.of("patientAwareOfPrognosis", true, "carerAwareOfPrognosis", true,
            "patientAwareOfCprDecision", true, "familyInformedOfCprDecision", false));
    api.saveDraft(Personas.GP, patient, api.revision(patient), plan).then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);
    return patient;
  }

  private String fhirJson(String patient) {
    return api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/1/fhir")
        .then().statusCode(200).contentType(FHIR_JSON).extract().asString();
  }

  /** The resource types that a section of the Composition lists, in its order. */
  private static List<String> sectionEntries(JsonPath bundle, int section) {
    return bundle.getList("entry[0].resource.section[" + section + "].entry.reference", String.class).stream()
        .map(reference -> bundle.getString(resolve(bundle, reference) + ".resourceType")).toList();
  }

  private static String narrative(JsonPath bundle, int section) {
    return bundle.getString("entry[0].resource.section[" + section + "].text.div");
  }

  private Response fhir(String patient, RequestSpecification request) {
    return request.when().get("/plans/" + patient + "/versions/1/fhir");
  }

  private JsonPath bundle(String patient) {
    return JsonPath.from(fhirJson(patient));
  }

  /** Every reference inside the Bundle: those to its own entries, whatever resource holds them. */
  private static void collectReferences(Object node, List<String> references) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("reference") instanceof String reference) {
        references.add(reference);
      }
      map.values().forEach(value -> collectReferences(value, references));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectReferences(value, references));
    }
  }

  private static String resolve(JsonPath bundle, String reference) {
    assertThat(bundle.getList("entry.fullUrl", String.class)).contains(reference);
    return "entry.find { it.fullUrl == '" + reference + "' }.resource";
  }

  private static String component(JsonPath bundle, String what, String valueType) {
    return bundle.getString(CPR + ".component.find { it.code.text == '" + what + "' }." + valueType);
  }

  private static String relatedPerson(String name) {
    return "entry.find { it.resource.resourceType == 'RelatedPerson' && it.resource.name[0].text == '" + name
        + "' }.resource";
  }

  private static String lpa(JsonPath bundle, String person) {
    return bundle.getString(person + ".extension.find { it.url == '" + FhirPlan.LPA_AUTHORITY + "' }"
        + ".valueCodeableConcept.coding[0].code");
  }
}
