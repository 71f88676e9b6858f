package org.openucp.portal.myplan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/** Clinical content needs a photo-ID-checked identity; below that the clinical API is not even asked. */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class MyPlanTest {

  @LocalInfra
  LocalIssuer issuer;

  StubClinicalIntake clinical;

  @BeforeEach
  void reset() {
    clinical.reset();
  }

  @Test
  void shouldRefuseToShowThePlanBelowP9WithoutAskingTheClinicalApi() {
    given().auth().oauth2(issuer.token(Personas.PATIENT.withClaim("identity_proofing_level", "P5")))
        .when().get("/my-plan")
        .then().statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/identity-proofing"));
    given().auth().oauth2(issuer.token(Personas.PATIENT.withClaim("identity_proofing_level", "P5")))
        .when().get("/my-plan/access-log")
        .then().statusCode(403);

    assertThat(clinical.deliveries()).isEmpty();
  }

  @Test
  void shouldPassOnThatThereIsNoPublishedPlanAsAProblem() {
    given().auth().oauth2(issuer.token(Personas.PATIENT))
        .when().get("/my-plan")
        .then().statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAskTheClinicalApiWithThePatientsOwnTokenNotOnThePortalsWord() {
    String token = issuer.token(Personas.PATIENT);
    given().auth().oauth2(token).when().get("/my-plan").then().statusCode(404);

    assertThat(clinical.patientAccessCalls()).singleElement().satisfies(call -> {
      assertThat(call.path()).isEqualTo("/v1/patient-access/" + Personas.PATIENT_NHS_NUMBER + "/plan");
      assertThat(call.patientToken()).isEqualTo(token);
      assertThat(call.proxyAssertion()).isNull();
      assertThat(call.viewer()).isNull();
    });
  }

  @Test
  void shouldPageTheAccessLogWithLinksIntoThePortalNotTheClinicalApi() {
    given().auth().oauth2(issuer.token(Personas.PATIENT)).queryParam("size", 1).queryParam("page", 1)
        .when().get("/my-plan/access-log")
        .then().statusCode(200)
        .body("items.at", equalTo(java.util.List.of("2026-12-02T10:00:00Z")))
        .body("total", equalTo(3))
        .body("links.self", equalTo("/v1/my-plan/access-log?size=1&page=1"))
        .body("links.next", equalTo("/v1/my-plan/access-log?size=1&page=2"))
        .body("links.prev", equalTo("/v1/my-plan/access-log?size=1&page=0"));
    given().auth().oauth2(issuer.token(Personas.PATIENT)).queryParam("size", 1).queryParam("page", 2)
        .when().get("/my-plan/access-log")
        .then().statusCode(200).body("links.next", org.hamcrest.Matchers.nullValue());
    assertThat(clinical.patientAccessCalls()).extracting(StubClinicalIntake.PatientAccessCall::path)
        .containsOnly("/v1/patient-access/" + Personas.PATIENT_NHS_NUMBER + "/access-log");
  }

  @Test
  void shouldAskForConfirmationBeforeWithdrawingConsent() {
    given().auth().oauth2(issuer.token(Personas.PATIENT)).contentType("application/json")
        .body(java.util.Map.of("confirm", false, "reason", "no"))
        .when().post("/my-plan/consent-withdrawal")
        .then().statusCode(400).body("errors[0].field", equalTo("confirm"));
  }
}
