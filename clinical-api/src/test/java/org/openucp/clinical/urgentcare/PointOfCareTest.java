package org.openucp.clinical.urgentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.Plans;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * What a crew or a call handler reads at the point of care, on screen and on paper: the same sections in the same
 * (ReSPECT) order, the same details, and a CPR decision past its review date never shown as current.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PointOfCareTest {

  private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldDeclareTheCrisisViewsSectionsInTheSharedOrder() {
    List<String> components = Arrays.stream(CrisisView.class.getRecordComponents()).map(RecordComponent::getName)
        .toList();

    assertThat(components).containsExactlyElementsOf(sectionFieldsThen("links"));
  }

  @Test
  void shouldListTheSectionsInTheSameOrderInTheCrisisViewAndOnPageOneOfThePrintedPlan() throws IOException {
    String patient = api.publishedPlan(aFullPlan(LocalDate.now().plusMonths(6)));

    List<String> jsonOrder = new ArrayList<>(crisisViewJson(patient).keySet());
    String pageOne = pageOne(patient);
    List<Integer> printedAt = Arrays.stream(CrisisSection.values())
        .map(section -> pageOne.indexOf(section.heading())).toList();

    assertThat(jsonOrder).containsExactlyElementsOf(sectionFieldsThen("links"));
    assertThat(printedAt).doesNotContain(-1).isSorted();
  }

  @Test
  void shouldShowTheLpaAuthorityTheCprDetailsAndTheOrganisationsNameOnScreenAndOnPaper() throws IOException {
    LocalDate review = LocalDate.now().plusMonths(6);
    String patient = api.publishedPlan(aFullPlan(review));

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200)
        .body("identity.preferredName", equalTo("Lucy"))
        .body("cpr.decidedBy", equalTo("Dr Amir Khan"))
        .body("cpr.decidedByRole", equalTo("Consultant in palliative medicine"))
        .body("cpr.discussedWithPatient", equalTo(true))
        .body("cpr.discussedWithFamilyOrCarer", equalTo(true))
        .body("cpr.formKept", equalTo("Original ReSPECT form on the fridge"))
        .body("cpr.reviewDate", equalTo(review.toString()))
        .body("cpr.expired", equalTo(false))
        .body("representation.attorneys[0].name", equalTo("Mary Smith"))
        .body("representation.attorneys[0].lpa", equalTo("WITH_LIFE_SUSTAINING_TREATMENT"))
        .body("representation.attorneys[0].coversLifeSustainingTreatment", equalTo(true))
        .body("representation.attorneys[1].coversLifeSustainingTreatment", equalTo(false))
        .body("banner.organisationName", equalTo("Demo Medical Practice"))
        .body("banner.legalStatus", equalTo(CrisisView.LEGAL_STATUS));
    assertThat(pageOne(patient)).contains("Preferred name", "Lucy", "CPR attempts NOT recommended",
        "Decided on 1 Nov 2026 by Dr Amir Khan (Consultant in palliative medicine)",
        "Discussed with the patient; Discussed with family or carer",
        "Signed form kept: Original ReSPECT form on the fridge", "Review date: " + PRINTED.format(review),
        "Mary Smith, Daughter, 020 7946 0000: health and welfare LPA, including decisions about life-sustaining "
            + "treatment",
        "Tom Smith, Son: health and welfare LPA, NOT including decisions about life-sustaining treatment",
        "Demo Medical Practice (A83008)", CrisisView.LEGAL_STATUS);
  }

  @Test
  void shouldShowACprDecisionPastItsReviewDateAsExpiredOnScreenAndOnPaper() throws IOException {
    LocalDate passed = LocalDate.now().minusDays(1);
    String expired = api.publishedPlan(aFullPlan(passed).withPerson("preferredName", "\"expired\":false"));
    String dueToday = api.publishedPlan(aFullPlan(LocalDate.now()));

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + expired)
        .then().statusCode(200)
        .body("cpr.expired", equalTo(true))
        .body("cpr.decision", equalTo("CPR_NOT_RECOMMENDED"))
        .body("identity.preferredName", equalTo("\"expired\":false"));
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + dueToday)
        .then().statusCode(200).body("cpr.expired", equalTo(false));
    assertThat(pageOne(expired)).contains("EXPIRED: its review date, " + PRINTED.format(passed)
        + ", has passed. This decision is not current.");
    assertThat(pageOne(dueToday)).doesNotContain("EXPIRED");
  }

  private static List<String> sectionFieldsThen(String last) {
    List<String> fields = new ArrayList<>(Arrays.stream(CrisisSection.values()).map(CrisisSection::field).toList());
    fields.add(last);
    return fields;
  }

  private static Plans aFullPlan(LocalDate cprReview) {
    return aPlan().withPerson("preferredName", "Lucy")
        .with("cpr", Map.of("decision", "CPR_NOT_RECOMMENDED", "decidedOn", "2026-11-01",
            "decisionMaker", "Dr Amir Khan", "decisionMakerRole", "Consultant in palliative medicine",
            "discussedWithPatient", true, "discussedWithCarer", true,
            "whereDocumented", "Original ReSPECT form on the fridge", "reviewDate", cprReview.toString()))
        .with("keySupporters", List.of(
            Map.of("name", "Mary Smith", "relationship", "Daughter", "telephone", "020 7946 0000",
                "lpa", "WITH_LIFE_SUSTAINING_TREATMENT"),
            Map.of("name", "Tom Smith", "relationship", "Son", "lpa", "WITHOUT_LIFE_SUSTAINING_TREATMENT")))
        .with("adrt", Map.of("exists", true, "decision", "Refuses mechanical ventilation",
            "documentLocation", "With the ReSPECT form"))
        .with("otherTreatmentRecommendations", "Oxygen at home; antibiotics by mouth");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> crisisViewJson(String patient) throws IOException {
    String body = api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).extract().asString();
    return new ObjectMapper().readValue(body, LinkedHashMap.class);
  }

  private String pageOne(String patient) throws IOException {
    byte[] pdf = api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/1/pdf")
        .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      return stripper.getText(document).replaceAll("\\s+", " ");
    }
  }
}
