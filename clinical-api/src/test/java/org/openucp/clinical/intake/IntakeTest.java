package org.openucp.clinical.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class IntakeTest {

  private static final String INTAKE = "/intake/submitted-drafts";

  @LocalInfra
  LocalIssuer issuer;

  @BeforeEach
  void onboardTheDemoOrganisations() {
    Onboarded.demoOrganisations(issuer);
  }

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldStoreADeliveredDraftAndShowItToAClinician() {
    SubmittedDrafts draft = aSubmittedDraft();

    String submissionId = deliver(draft)
        .then().statusCode(201)
        .header("Location", notNullValue())
        .body("draftId", equalTo(draft.draftId()))
        .extract().path("submissionId");

    given().auth().oauth2(issuer.token(Personas.GP))
        .when().get(INTAKE + "/" + submissionId)
        .then().statusCode(200)
        .body("draft.nhsNumber", equalTo("9434765919"))
        .body("draft.postcode", equalTo("SW3 6JJ"))
        .body("draft.preferredPlaceOfCare", equalTo("HOME"))
        .body("draft.keySupporter.name", equalTo("Mary Smith"));
    given().auth().oauth2(issuer.token(Personas.COMMUNITY_NURSE))
        .queryParam("size", 200)
        .when().get(INTAKE)
        .then().statusCode(200)
        .body("items.id", hasItem(submissionId));
  }

  @Test
  void shouldAnswerARepeatedDeliveryWithTheFirstReceiptAndNoSecondCopy() throws SQLException {
    SubmittedDrafts draft = aSubmittedDraft();
    String first = deliver(draft).then().statusCode(201).extract().path("submissionId");

    String second = deliver(draft).then().statusCode(200).extract().path("submissionId");

    assertThat(second).isEqualTo(first);
    assertThat(copiesOf(draft.draftId())).isEqualTo(1);
  }

  @Test
  void shouldKeepExactlyOneCopyWhenDeliveriesOfOneDraftRace() throws Exception {
    SubmittedDrafts draft = aSubmittedDraft();
    String token = issuer.token(Personas.PORTAL_SERVICE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Response>> deliveries = IntStream.range(0, 8)
          .<Callable<Response>>mapToObj(i -> () -> deliver(draft, token)).toList();
      List<Integer> statuses = pool.invokeAll(deliveries).stream().map(IntakeTest::statusOf).toList();

      assertThat(statuses).containsOnly(200, 201);
      assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(copiesOf(draft.draftId())).isEqualTo(1);
  }

  @Test
  void shouldRequireTheDraftIdAsIdempotencyKey() {
    SubmittedDrafts draft = aSubmittedDraft();

    given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE))
        .contentType(ContentType.JSON).body(draft.body())
        .when().post(INTAKE)
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("detail", equalTo("Send the draft id as the Idempotency-Key header, so that a retried delivery is stored once"));
    given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON).body(draft.body())
        .when().post(INTAKE)
        .then().statusCode(400);
  }

  @Test
  void shouldNameAnInvalidNhsNumberAndStoreNothing() throws SQLException {
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", "9434765918");

    deliver(draft)
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("nhsNumber"))
        .body("errors[0].message", equalTo("The NHS number's check digit does not match (Modulus 11)"));
    assertThat(copiesOf(draft.draftId())).isZero();
  }

  @Test
  void shouldNameEveryMissingOrInvalidField() {
    SubmittedDrafts draft = aSubmittedDraft().without("postcode").with("email", "not an email")
        .with("keySupporter", java.util.Map.of("name", "", "phone", "call me"));

    deliver(draft)
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(
            "postcode", "email", "keySupporter.name", "keySupporter.phone"));
  }

  @Test
  void shouldRejectABodyThatIsNotJson() {
    given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON).body("{\"draftId\": ")
        .when().post(INTAKE)
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("title", equalTo("The request body is not valid JSON"));
  }

  @Test
  void shouldRejectAnUnknownCodedValueNamingTheField() {
    deliver(aSubmittedDraft().with("preferredPlaceOfCare", "MOON"))
        .then().statusCode(400)
        .body("errors[0].field", equalTo("preferredPlaceOfCare"));
  }

  @Test
  void shouldForbidStaffFromDeliveringDrafts() {
    given().auth().oauth2(issuer.token(Personas.GP))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON).body(aSubmittedDraft().body())
        .when().post(INTAKE)
        .then().statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAnswer404ForAnUnknownSubmission() {
    given().auth().oauth2(issuer.token(Personas.GP))
        .when().get(INTAKE + "/" + UUID.randomUUID())
        .then().statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldRejectAPageSizeBeyondTheLimit() {
    given().auth().oauth2(issuer.token(Personas.GP))
        .queryParam("size", 5000)
        .when().get(INTAKE)
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("size"));
  }

  private Response deliver(SubmittedDrafts draft) {
    return deliver(draft, issuer.token(Personas.PORTAL_SERVICE));
  }

  private static Response deliver(SubmittedDrafts draft, String token) {
    return given().auth().oauth2(token)
        .header("Idempotency-Key", draft.draftId())
        .contentType(ContentType.JSON).body(draft.body())
        .when().post(INTAKE);
  }

  private static int statusOf(Future<Response> response) {
    try {
      return response.get().statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long copiesOf(String draftId) throws SQLException {
    try (Connection connection = database.connect("clinical");
         PreparedStatement query = connection.prepareStatement(
             "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?")) {
      query.setObject(1, UUID.fromString(draftId));
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
