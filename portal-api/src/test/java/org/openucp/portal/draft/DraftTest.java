package org.openucp.portal.draft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.portal.support.Drafts;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class DraftTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  StubClinicalIntake intake;

  private PortalDatabase tables;

  @BeforeEach
  void startWithoutDrafts() {
    tables = new PortalDatabase(database);
    discardAll(Personas.PATIENT);
    discardAll(Personas.SECOND_PATIENT);
  }

  @AfterEach
  void cleanUp() {
    startWithoutDrafts();
  }

  @Test
  void shouldStartADraftForTheNhsNumberInTheTokenWhateverTheBodySays() {
    given().auth().oauth2(patientToken())
        .contentType(ContentType.JSON).body(aDraft().with("nhsNumber", Personas.SECOND_PATIENT_NHS_NUMBER).body())
        .when().post("/drafts")
        .then().statusCode(201)
        .header("ETag", equalTo("\"0\""))
        .body("nhsNumber", equalTo(Personas.PATIENT_NHS_NUMBER))
        .body("status", equalTo("EDITING"))
        .body("postcode", equalTo("SW3 6JJ"));
  }

  @Test
  void shouldKeepOnlyOneDraftPerPatient() {
    String first = start(Personas.PATIENT);

    given().auth().oauth2(patientToken())
        .contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts")
        .then().statusCode(409)
        .contentType("application/problem+json")
        .body("detail", equalTo("Open your existing draft " + first + " to carry on with it"));
    given().auth().oauth2(patientToken()).when().get("/drafts").then().statusCode(200).body("items.id", hasSize(1));
  }

  @Test
  void shouldLetOnlyOneOfTwoRacingFirstSavesStartADraft() throws Exception {
    String token = patientToken();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Response>> starts = IntStream.range(0, 6).<Callable<Response>>mapToObj(i -> () ->
          given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body()).when().post("/drafts"))
          .toList();
      List<Integer> statuses = pool.invokeAll(starts).stream().map(DraftTest::statusOf).toList();

      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldSaveEditsAndMoveTheVersionOn() {
    String id = start(Personas.PATIENT);

    given().auth().oauth2(patientToken()).header("If-Match", "\"0\"")
        .contentType(ContentType.JSON).body(aDraft().with("preferredPlaceOfCare", "HOSPICE").body())
        .when().put("/drafts/" + id)
        .then().statusCode(200)
        .header("ETag", equalTo("\"1\""))
        .body("preferredPlaceOfCare", equalTo("HOSPICE"));
    given().auth().oauth2(patientToken())
        .when().get("/drafts/" + id)
        .then().statusCode(200)
        .header("ETag", equalTo("\"1\""))
        .body("preferredPlaceOfCare", equalTo("HOSPICE"));
  }

  @Test
  void shouldRequireIfMatchToSave() {
    String id = start(Personas.PATIENT);

    given().auth().oauth2(patientToken())
        .contentType(ContentType.JSON).body(aDraft().body())
        .when().put("/drafts/" + id)
        .then().statusCode(428)
        .contentType("application/problem+json");
  }

  @Test
  void shouldRefuseASaveBasedOnAnOldVersion() {
    String id = start(Personas.PATIENT);
    save(id, "\"0\"", aDraft().with("thoughtsAboutFutureCare", "first tab")).then().statusCode(200);

    save(id, "\"0\"", aDraft().with("thoughtsAboutFutureCare", "second tab"))
        .then().statusCode(412)
        .contentType("application/problem+json")
        .body("detail", equalTo("Version 1 is current; you sent 0. Reload and re-apply your edit."));
    given().auth().oauth2(patientToken()).when().get("/drafts/" + id)
        .then().body("thoughtsAboutFutureCare", equalTo("first tab"));
  }

  @Test
  void shouldLetExactlyOneOfTwoEditorsWithTheSameVersionWin() throws Exception {
    String id = start(Personas.PATIENT);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Response>> saves = IntStream.range(0, 4).<Callable<Response>>mapToObj(i -> () ->
          save(id, "\"0\"", aDraft().with("thoughtsAboutFutureCare", "editor " + i))).toList();
      List<Integer> statuses = pool.invokeAll(saves).stream().map(DraftTest::statusOf).toList();

      assertThat(statuses).containsOnly(200, 412);
      assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    given().auth().oauth2(patientToken()).when().get("/drafts/" + id).then().header("ETag", equalTo("\"1\""));
  }

  @Test
  void shouldNameEachInvalidFieldAndKeepWhatWasSaved() {
    String id = start(Personas.PATIENT);

    save(id, "\"0\"", aDraft().with("postcode", "not a postcode").with("email", "nope")
        .with("keySupporter", Map.of("name", "", "phone", "123")))
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("postcode"));
    save(id, "\"0\"", aDraft().with("email", "nope").with("keySupporter", Map.of("name", "", "phone", "123")))
        .then().statusCode(400)
        .body("errors.field", containsInAnyOrder("email", "keySupporter.name", "keySupporter.phone"));
    given().auth().oauth2(patientToken()).when().get("/drafts/" + id)
        .then().header("ETag", equalTo("\"0\""))
        .body("email", equalTo("patient@example.org"));
  }

  @Test
  void shouldRequireAPostcode() {
    given().auth().oauth2(patientToken())
        .contentType(ContentType.JSON).body(aDraft().without("postcode").body())
        .when().post("/drafts")
        .then().statusCode(400)
        .body("errors[0].field", equalTo("postcode"));
  }

  @Test
  void shouldHideOnePatientsDraftFromAnother() {
    String id = start(Personas.PATIENT);
    String other = issuer.token(Personas.SECOND_PATIENT);

    given().auth().oauth2(other).when().get("/drafts/" + id).then().statusCode(404);
    given().auth().oauth2(other).header("If-Match", "\"0\"").contentType(ContentType.JSON).body(aDraft().body())
        .when().put("/drafts/" + id).then().statusCode(404);
    given().auth().oauth2(other).header("If-Match", "\"0\"")
        .when().post("/drafts/" + id + "/submission").then().statusCode(404);
    given().auth().oauth2(other).when().get("/drafts").then().statusCode(200).body("items.id", hasSize(0));
  }

  @Test
  void shouldSubmitOnceAndQueueTheDraftForTheClinicalTeam() {
    String id = start(Personas.PATIENT);

    given().auth().oauth2(patientToken()).header("If-Match", "\"0\"")
        .when().post("/drafts/" + id + "/submission")
        .then().statusCode(202)
        .body("status", equalTo("SUBMITTED"));

    assertThat(tables.queued(UUID.fromString(id))).isTrue();
    given().auth().oauth2(patientToken()).when().get("/drafts/" + id).then().body("status", equalTo("SUBMITTED"));
    save(id, "\"1\"", aDraft()).then().statusCode(409).body("title", equalTo("Already submitted"));
    given().auth().oauth2(patientToken()).header("If-Match", "\"1\"")
        .when().post("/drafts/" + id + "/submission").then().statusCode(409);
  }

  @Test
  void shouldSubmitOnlyToAnOrganisationThatReceivesSubmissions() {
    String id = start(Personas.PATIENT);
    save(id, "\"0\"", aDraft().without("organisation")).then().statusCode(200);

    given().auth().oauth2(patientToken()).header("If-Match", "\"1\"")
        .when().post("/drafts/" + id + "/submission")
        .then().statusCode(422).contentType("application/problem+json")
        .body("errors[0].field", equalTo("organisation"));
    save(id, "\"1\"", aDraft().with("organisation", "RRU")).then().statusCode(200);
    given().auth().oauth2(patientToken()).header("If-Match", "\"2\"")
        .when().post("/drafts/" + id + "/submission")
        .then().statusCode(422).body("errors[0].field", equalTo("organisation"));
    assertThat(tables.queued(UUID.fromString(id))).isFalse();

    save(id, "\"2\"", aDraft().with("organisation", "B82005")).then().statusCode(200)
        .body("organisation", equalTo("B82005"));
    given().auth().oauth2(patientToken()).header("If-Match", "\"3\"")
        .when().post("/drafts/" + id + "/submission").then().statusCode(202);
  }

  @Test
  void shouldAskTheClinicalApiForTheRecipientsOnceForManySubmissionsWhileTheListIsFresh() {
    given().auth().oauth2(patientToken()).when().get("/care-teams").then().statusCode(200);
    int asked = intake.recipientReads();

    for (Persona patient : List.of(Personas.PATIENT, Personas.SECOND_PATIENT)) {
      given().auth().oauth2(issuer.token(patient)).header("If-Match", "\"0\"")
          .when().post("/drafts/" + start(patient) + "/submission")
          .then().statusCode(202);
    }
    given().auth().oauth2(patientToken()).when().get("/care-teams").then().statusCode(200)
        .body("items.odsCode", equalTo(List.of("A83008", "B82005")));

    assertThat(intake.recipientReads()).as("requests for the recipients after the first").isEqualTo(asked);
  }

  @Test
  void shouldListTheGpPracticesAndCareTeamsAPatientCanSendTo() {
    given().auth().oauth2(patientToken()).when().get("/care-teams")
        .then().statusCode(200)
        .body("items.odsCode", equalTo(List.of("A83008", "B82005")))
        .body("items.name[0]", equalTo("Demo Medical Practice"));
  }

  @Test
  void shouldSendSomeoneUnder18ToTheirClinicalTeamInsteadOfKeepingADraft() {
    String seventeen = java.time.LocalDate.now().minusYears(18).plusDays(1).toString();
    String eighteenToday = java.time.LocalDate.now().minusYears(18).toString();

    given().auth().oauth2(issuer.token(NhsNumbers.freshPatient().withClaim("birthdate", seventeen)))
        .contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/under-age"));
    start(NhsNumbers.freshPatient().withClaim("birthdate", eighteenToday));
  }

  @Test
  void shouldDiscardAnUnsubmittedDraft() {
    String id = start(Personas.PATIENT);

    given().auth().oauth2(patientToken()).header("If-Match", "\"0\"")
        .when().delete("/drafts/" + id).then().statusCode(204);

    assertThat(tables.draftExists(UUID.fromString(id))).isFalse();
  }

  @Test
  void shouldRejectMissingExpiredForeignAndMisaddressedTokens() {
    given().when().get("/drafts").then().statusCode(401).contentType("application/problem+json");
    given().auth().oauth2(issuer.token(Personas.PATIENT, -300)).when().get("/drafts").then().statusCode(401);
    given().auth().oauth2(issuer.token(Personas.GP)).when().get("/drafts").then().statusCode(401);
    given().auth().oauth2(issuer.tokenFromIssuer(Persona.STAFF_ISSUER, Personas.PATIENT, 3600))
        .when().get("/drafts").then().statusCode(401);
    given().auth().oauth2(issuer.token(Personas.PATIENT.withAudience(Persona.CLINICAL_AUDIENCE)))
        .when().get("/drafts").then().statusCode(401);
    given().auth().oauth2(issuer.token(Personas.PATIENT.withClaim("nhs_number", "1234567890")))
        .when().get("/drafts").then().statusCode(401);
  }

  private String patientToken() {
    return issuer.token(Personas.PATIENT);
  }

  private String start(Persona patient) {
    return given().auth().oauth2(issuer.token(patient))
        .contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts")
        .then().statusCode(201)
        .extract().path("id");
  }

  private Response save(String id, String ifMatch, Drafts draft) {
    return given().auth().oauth2(patientToken()).header("If-Match", ifMatch)
        .contentType(ContentType.JSON).body(draft.body())
        .when().put("/drafts/" + id);
  }

  private void discardAll(Persona patient) {
    List<String> ids = given().auth().oauth2(issuer.token(patient)).when().get("/drafts").then().extract().path("items.id");
    ids.forEach(id -> tables.execute("DELETE FROM draft WHERE id = ?", UUID.fromString(id)));
  }

  private static int statusOf(Future<Response> response) {
    try {
      return response.get().statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
