package org.openucp.clinical.plan;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.Map;
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

/** The clinical rules a plan must meet before urgent care may rely on it, and the warnings a publisher sees. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PublicationRulesTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldPublishACompletePlanWithoutWarnings() {
    String patient = consentedDraft(aPlan());

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(201).body("warnings", empty());
  }

  @Test
  void shouldNameEveryMissingRequirement() {
    String patient = consentedDraft(aPlan().without("person").without("gp").without("diagnoses")
        .without("plannedReviewDate"));

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("person.name", "person.dateOfBirth", "person.address", "gp",
            "diagnoses.primaryEndOfLifeDiagnosis", "plannedReviewDate"));
    api.summary(Personas.GP, patient).then().body("latestVersion", equalTo(0));
  }

  @Test
  void shouldRefuseAReviewDateMoreThanThreeMonthsAhead() {
    String patient = consentedDraft(aPlan().with("plannedReviewDate",
        LocalDate.now().plusMonths(3).plusDays(1).toString()));

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(422)
        .body("errors[0].field", equalTo("plannedReviewDate"))
        .body("errors[0].message", containsString("within 3 months"));
  }

  @Test
  void shouldRefuseExplicitConsentAloneForAChild() {
    String patient = NhsNumbers.fresh();
    String dateOfBirth = LocalDate.now().minusYears(17).toString();
    api.initiate(Personas.GP, patient, aPlan().withPerson("dateOfBirth", dateOfBirth), "EXPLICIT_CONSENT")
        .then().statusCode(422).body("errors[0].field", equalTo("consent.basis"));
    api.initiate(Personas.GP, patient, aPlan().withPerson("dateOfBirth", dateOfBirth), Map.of(
            "basis", "BEST_INTERESTS_DECISION", "parentalResponsibility", "Ann Jones, mother",
            "consulted", "Ann Jones, mother; the school nurse"))
        .then().statusCode(201);

    api.recordConsent(Personas.GP, patient, "EXPLICIT_CONSENT")
        .then().statusCode(422).body("errors[0].field", equalTo("basis"));
    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("basis", "PARENT_OR_GUARDIAN", "parentalResponsibility", "Ann Jones, mother"))
        .when().put("/plans/" + patient + "/consent").then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);
  }

  @Test
  void shouldRecordWhoHoldsParentalResponsibilityAndWhoWasConsultedForAChild() {
    String patient = NhsNumbers.fresh();
    Plans child = aPlan().withPerson("dateOfBirth", LocalDate.now().minusYears(10).toString());

    api.initiate(Personas.GP, patient, child, Map.of("basis", "PARENT_OR_GUARDIAN"))
        .then().statusCode(422).body("type", equalTo("https://openucp.org/problems/childs-consent-incomplete"))
        .body("errors.field", hasItem("consent.parentalResponsibility"));
    api.initiate(Personas.GP, patient, child, Map.of("basis", "BEST_INTERESTS_DECISION",
            "parentalResponsibility", "Ann Jones, mother"))
        .then().statusCode(422).body("errors.field", hasItem("consent.consulted"));
    api.initiate(Personas.GP, patient, child, Map.of("basis", "PARENT_OR_GUARDIAN",
        "parentalResponsibility", "Ann Jones, mother")).then().statusCode(201);

    api.as(Personas.GP).when().get("/plans/" + patient + "/consent")
        .then().statusCode(200).body("parentalResponsibility", equalTo("Ann Jones, mother"));
  }

  @Test
  void shouldRefuseToPublishAChildsPlanWhoseConsentNamesNobodyWithParentalResponsibility() {
    String patient = consentedDraft(aPlan());
    api.recordConsent(Personas.GP, patient, "BEST_INTERESTS_DECISION").then().statusCode(200);
    api.saveDraft(Personas.GP, patient, api.revision(patient),
        aPlan().withPerson("dateOfBirth", LocalDate.now().minusYears(10).toString())).then().statusCode(200);

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(422).body("errors.field", hasItem("consent.parentalResponsibility"));
  }

  @Test
  void shouldRecheckAChildsConsentBasisWhenTheDateOfBirthChangesLater() {
    String patient = consentedDraft(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient),
        aPlan().withPerson("dateOfBirth", LocalDate.now().minusYears(10).toString())).then().statusCode(200);

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(422).body("errors.field", hasItem("consent"));
  }

  @Test
  void shouldWarnWhenNoPreferredPlaceOfDeathIsRecorded() {
    String patient = consentedDraft(aPlan().with("preferences", Map.of("preferredPlaceOfCare", "HOME")));

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(201)
        .body("warnings", hasItem("No preferred place of death (1st choice) is recorded"));
  }

  @Test
  void shouldWarnWhenAnAdrtMeetsFullEscalation() {
    String patient = consentedDraft(aPlan().with("adrt", Map.of("exists", true, "decision", "No ventilation"))
        .with("ceilingOfTreatment", "FULL_ESCALATION"));

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(201)
        .body("warnings[0]", containsString("ADRT"));
  }

  @Test
  void shouldWarnWhenTheReviewDateHasPassed() {
    String patient = consentedDraft(aPlan().with("plannedReviewDate", LocalDate.now().minusDays(1).toString()));

    api.publish(Personas.GP, patient, api.revision(patient))
        .then().statusCode(201)
        .body("warnings[0]", containsString("has passed"));
  }

  private String consentedDraft(Plans plan) {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, plan).then().statusCode(201);
    return patient;
  }
}
