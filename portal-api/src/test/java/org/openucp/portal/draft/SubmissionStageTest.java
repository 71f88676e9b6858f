package org.openucp.portal.draft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/** A submission's stage describes that submission, whatever else the patient's plan has been through. */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class SubmissionStageTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  StubClinicalIntake clinical;

  private Persona patient;
  private String draftId;

  @BeforeEach
  void aDeliveredSubmission() {
    clinical.reset();
    patient = NhsNumbers.freshPatient();
    draftId = given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");
    given().auth().oauth2(issuer.token(patient)).header("If-Match", "\"0\"")
        .when().post("/drafts/" + draftId + "/submission").then().statusCode(202);
    new PortalDatabase(database).executeSql("UPDATE submission_receipt SET delivered_at = now() WHERE draft_id = '"
        + draftId + "'");
  }

  @Test
  void shouldStayWithTheClinicalTeamUntilAClinicianTakesItIntoAPublishedPlan() {
    Instant published = Instant.now().minusSeconds(3600);
    clinical.status(nhs(), status(published, null));

    stage().body("items[0].stage", equalTo("WITH_CLINICAL_TEAM"));

    Instant claimed = Instant.now().minusSeconds(60);
    clinical.status(nhs(), status(published, claimed));
    stage().body("items[0].stage", equalTo("WITH_CLINICAL_TEAM"));

    clinical.status(nhs(), status(Instant.now(), claimed));
    stage().body("items[0].stage", equalTo("COMPLETED"));
  }

  @Test
  void shouldShowASubmissionTheClinicalStoreNoLongerHoldsAsErased() {
    clinical.status(nhs(), "{\"published\":false,\"submissions\":[]}");

    stage().body("items[0].stage", equalTo("ERASED"));
  }

  @Test
  void shouldSayWithTheClinicalTeamWhileTheClinicalApiCannotBeReached() {
    clinical.failWith(503);

    stage().body("items[0].stage", equalTo("WITH_CLINICAL_TEAM"));
  }

  private io.restassured.response.ValidatableResponse stage() {
    return given().auth().oauth2(issuer.token(patient)).when().get("/submissions").then().statusCode(200);
  }

  private String status(Instant publishedAt, Instant claimedAt) {
    return "{\"published\":true,\"version\":1,\"publishedAt\":\"" + publishedAt + "\",\"submissions\":[{\"draftId\":\""
        + draftId + "\",\"receivedAt\":\"" + Instant.now().minusSeconds(7200) + "\",\"claimedAt\":"
        + (claimedAt == null ? "null" : "\"" + claimedAt + "\"") + "}]}";
  }

  private String nhs() {
    return (String) patient.claims().get("nhs_number");
  }
}
