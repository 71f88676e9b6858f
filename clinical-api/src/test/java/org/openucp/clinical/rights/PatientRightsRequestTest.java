package org.openucp.clinical.rights;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/** A patient's own rights requests through the portal, with their NHS login as the proof of who they are. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PatientRightsRequestTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldRecordThePatientsRequestWithTheStatutoryMonthStartedByTheirNhsLogin() {
    String patient = NhsNumbers.fresh();

    String id = api.asPortalFor(patient).contentType(ContentType.JSON)
        .body(Map.of("kind", "ACCESS", "details", "Everything you hold about me, please"))
        .when().post("/patient-access/" + patient + "/rights-requests")
        .then().statusCode(201)
        .body("answerDueOn", equalTo(LocalDate.now(ZoneId.of("Europe/London")).plusMonths(1).toString()))
        .extract().path("id");

    api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + id)
        .then().statusCode(200).body("receivedVia", equalTo("PORTAL"))
        .body("idVerification", equalTo("NHS login, identity checked with photo ID (P9)"));
    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/rights-requests")
        .then().statusCode(200).body("items.id", hasItem(id));
  }

  @Test
  void shouldRestrictAtOnceWhenThePatientObjects() {
    String patient = api.publishedPlan(aPlan());

    api.asPortalFor(patient).contentType(ContentType.JSON).body(Map.of("kind", "OBJECTION"))
        .when().post("/patient-access/" + patient + "/rights-requests").then().statusCode(201);

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(404);
  }

  @Test
  void shouldRefuseARequestForSomeoneElseOrWithoutThePatientsOwnToken() {
    String patient = NhsNumbers.fresh();
    String someoneElse = NhsNumbers.fresh();

    api.asPortalFor(someoneElse).contentType(ContentType.JSON).body(Map.of("kind", "ERASURE"))
        .when().post("/patient-access/" + patient + "/rights-requests").then().statusCode(403);
    api.as(Personas.PORTAL_SERVICE).contentType(ContentType.JSON).body(Map.of("kind", "ERASURE"))
        .when().post("/patient-access/" + patient + "/rights-requests").then().statusCode(401);
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("kind", "ERASURE"))
        .when().post("/patient-access/" + patient + "/rights-requests").then().statusCode(403);
    api.asPortalFor(someoneElse).when().get("/patient-access/" + patient + "/rights-requests").then().statusCode(403);
    api.as(Personas.PORTAL_SERVICE).when().get("/patient-access/" + patient + "/rights-requests")
        .then().statusCode(401);
  }
}
