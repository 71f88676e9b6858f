package org.openucp.portal.mydata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/** What the portal holds about a patient, as a copy they can take elsewhere, and the rights they ask to exercise. */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class MyDataTest {

  @LocalInfra
  LocalIssuer issuer;

  StubClinicalIntake clinical;

  private String nhsNumber;
  private Persona patient;

  @BeforeEach
  void aPatientOfTheirOwn() {
    clinical.reset();
    nhsNumber = NhsNumbers.fresh();
    patient = NhsNumbers.patient(nhsNumber);
  }

  @Test
  void shouldExportThePatientsDraftsAsJsonAndAsASpreadsheetThatRunsNoFormula() {
    String draft = given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(aDraft().with("thoughtsAboutFutureCare", "=HYPERLINK(\"http://evil.example\")").body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");

    given().auth().oauth2(issuer.token(patient)).when().get("/my-data")
        .then().statusCode(200)
        .body("nhsNumber", equalTo(nhsNumber))
        .body("drafts", hasSize(1))
        .body("drafts[0].id", equalTo(draft))
        .body("drafts[0].thoughtsAboutFutureCare", equalTo("=HYPERLINK(\"http://evil.example\")"));
    String csv = given().auth().oauth2(issuer.token(patient)).accept("text/csv").when().get("/my-data")
        .then().statusCode(200).contentType("text/csv").extract().asString();

    assertThat(csv).startsWith("\uFEFF\"record\",\"id\",\"field\",\"value\"\r\n")
        .contains("\"draft\",\"" + draft + "\",\"thoughtsAboutFutureCare\",\"'=HYPERLINK(\"\"http://evil.example\"\")\"")
        .contains("\"draft\",\"" + draft + "\",\"postcode\"");
  }

  @Test
  void shouldPassTheRequestOnWithThePatientsOwnTokenAndEraseThePortalsDataAtOnceForErasure() {
    String token = issuer.token(patient);
    given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201);

    given().auth().oauth2(token).contentType(ContentType.JSON)
        .body(Map.of("kind", "ERASURE", "details", "Please delete what I started"))
        .when().post("/my-rights-requests")
        .then().statusCode(201)
        .body("request.status", equalTo("OPEN"))
        .body("portalErased.drafts", equalTo(1));

    assertThat(clinical.rightsRequests()).singleElement().asString().contains("\"ERASURE\"");
    assertThat(clinical.patientAccessCalls()).singleElement().satisfies(call -> {
      assertThat(call.path()).isEqualTo("/v1/patient-access/" + nhsNumber + "/rights-requests");
      assertThat(call.patientToken()).isEqualTo(token);
    });
    given().auth().oauth2(token).when().get("/my-data").then().statusCode(200).body("drafts", hasSize(0));
  }

  @Test
  void shouldRefuseARightsRequestBelowP9WithoutAskingTheClinicalApi() {
    given().auth().oauth2(issuer.token(patient.withClaim("identity_proofing_level", "P5")))
        .contentType(ContentType.JSON).body(Map.of("kind", "ACCESS"))
        .when().post("/my-rights-requests")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/identity-proofing"));
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON).body(Map.of("kind", "SOMETHING"))
        .when().post("/my-rights-requests").then().statusCode(400);

    assertThat(clinical.patientAccessCalls()).isEmpty();
  }
}
