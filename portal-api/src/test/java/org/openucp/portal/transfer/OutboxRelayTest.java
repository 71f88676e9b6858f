package org.openucp.portal.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.infra.NhsNumbers;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;
import org.openucp.portal.transfer.repository.OutboxRepository;

@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class OutboxRelayTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  StubClinicalIntake intake;

  @Inject
  OutboxRelay relay;

  @Inject
  OutboxRepository outbox;

  private PortalDatabase tables;

  @BeforeEach
  void reset() {
    tables = new PortalDatabase(database);
    intake.reset();
    tables.deleteAllDrafts();
  }

  @Test
  void shouldDeliverWithAServiceTokenAndTheDraftIdAsKeyThenDeleteThePortalCopy() throws Throwable {
    UUID draft = submitDraft();

    assertThat(relayOnce()).isEqualTo(1);

    List<StubClinicalIntake.Delivery> deliveries = intake.deliveries();
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).idempotencyKey()).isEqualTo(draft.toString());
    assertThat(deliveries.get(0).authorization()).startsWith("Bearer ey");
    assertThat(deliveries.get(0).body()).contains("\"nhsNumber\":\"9434765919\"", "\"postcode\":\"SW3 6JJ\"");
    assertThat(tables.draftExists(draft)).isFalse();
    assertThat(tables.queued(draft)).isFalse();
    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/drafts/" + draft).then().statusCode(404);
  }

  @Test
  void shouldContinueTheSubmissionsTraceWhenDeliveringToTheIntake() throws Throwable {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String token = issuer.token(Personas.PATIENT);
    String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");
    given().auth().oauth2(token).header("If-Match", "\"0\"")
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .when().post("/drafts/" + id + "/submission").then().statusCode(202);

    assertThat(relayOnce()).isEqualTo(1);

    // A later relay run, on its schedule, outside the patient's request: still the patient's trace.
    assertThat(intake.deliveries()).singleElement().extracting(StubClinicalIntake.Delivery::traceParent)
        .asString().matches("00-" + traceId + "-[0-9a-f]{16}-0[01]").doesNotContain("00f067aa0ba902b7");
  }

  @Test
  void shouldKeepTheDraftSubmittedAndRetryLaterWhileTheIntakeIsDown() throws Throwable {
    UUID draft = submitDraft();
    intake.failWith(503);

    assertThat(relayOnce()).isZero();

    assertThat(tables.draftExists(draft)).isTrue();
    assertThat(tables.attempts(draft)).isEqualTo(1);
    intake.failWith(0);
    assertThat(relayOnce()).as("not due again until its retry delay has passed").isZero();

    tables.execute("UPDATE draft_outbox SET next_attempt_at = now() WHERE draft_id = ?", draft);
    assertThat(relayOnce()).isEqualTo(1);
    assertThat(tables.draftExists(draft)).isFalse();
  }

  @Test
  void shouldGiveUpOnADeliveryThatDoesNotFinishAndTryAgainLater() throws Throwable {
    UUID draft = submitDraft();
    intake.answerDeliveriesAfter(Duration.ofSeconds(6));

    assertThat(relayOnce()).as("the relay run ends although the delivery has not").isZero();

    assertThat(tables.draftExists(draft)).isTrue();
    assertThat(tables.attempts(draft)).isEqualTo(1);
    intake.answerDeliveriesAfter(Duration.ZERO);
    tables.execute("UPDATE draft_outbox SET next_attempt_at = now() WHERE draft_id = ?", draft);
    assertThat(relayOnce()).isEqualTo(1);
    assertThat(tables.draftExists(draft)).isFalse();
  }

  @Test
  void shouldDropADraftTheClinicalApiRefusesBecauseThePatientWithdrewConsent() throws Throwable {
    UUID draft = submitDraft();
    intake.failWith(410);

    assertThat(relayOnce()).isZero();

    assertThat(tables.draftExists(draft)).isFalse();
    assertThat(tables.queued(draft)).isFalse();
    assertThat(tables.count("SELECT count(*) FROM submission_receipt WHERE draft_id = ? AND erased_at IS NOT NULL",
        draft)).isEqualTo(1);
  }

  @Test
  void shouldKeepADraftAndRetryWhileItsOrganisationDoesNotReceiveSubmissions() throws Throwable {
    UUID draft = submitDraft();
    intake.failWith(422);

    assertThat(relayOnce()).isZero();

    assertThat(tables.draftExists(draft)).isTrue();
    assertThat(tables.queued(draft)).isTrue();
    assertThat(tables.attempts(draft)).isEqualTo(1);
  }

  @Test
  void shouldLeaveADraftAloneWhileAnotherRelayHoldsItsClaim() throws Throwable {
    UUID draft = submitDraft();
    tables.execute("UPDATE draft_outbox SET claimed_until = now() + interval '1 minute' WHERE draft_id = ?", draft);

    assertThat(relayOnce()).isZero();

    assertThat(intake.deliveries()).isEmpty();
    assertThat(tables.draftExists(draft)).isTrue();
  }

  @Test
  void shouldReleaseAtShutdownOnlyTheClaimsThatStillCarryThisReplicasLeaseEnd() {
    UUID draft = submitDraft();
    Instant ours = Instant.parse("2030-01-01T10:00:00.123456Z");
    tables.execute("UPDATE draft_outbox SET claimed_until = '2030-01-01T10:00:00.123456Z' WHERE draft_id = ?", draft);

    assertThat(outbox.release(Map.of(draft, ours)).await().atMost(Duration.ofSeconds(10))).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM draft_outbox WHERE draft_id = ? AND claimed_until IS NULL",
        draft)).as("released: due again at once").isEqualTo(1);

    // Our claim ran out and another replica claimed the draft: its claim is not ours to release.
    tables.execute("UPDATE draft_outbox SET claimed_until = '2030-01-01T10:05:00Z' WHERE draft_id = ?", draft);
    assertThat(outbox.release(Map.of(draft, ours)).await().atMost(Duration.ofSeconds(10))).isZero();
    assertThat(tables.count("SELECT count(*) FROM draft_outbox WHERE draft_id = ? AND claimed_until IS NOT NULL",
        draft)).isEqualTo(1);
  }

  @Test
  void shouldDeliverAgainOnceTheClaimOfARelayThatDiedHasRunOut() throws Throwable {
    UUID draft = submitDraft();
    tables.execute("UPDATE draft_outbox SET claimed_until = now() - interval '1 second' WHERE draft_id = ?", draft);

    assertThat(relayOnce()).isEqualTo(1);

    assertThat(tables.draftExists(draft)).isFalse();
  }

  @Test
  void shouldDeliverEachDraftOnceWhenTwoRelaysRunAtTheSameTime() throws Exception {
    List<UUID> submitted = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      submitted.add(submitDraft(NhsNumbers.freshPatient()));
    }

    java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> runs = replicas.invokeAll(List.of(this::relayInReplica, this::relayInReplica));
      int moved = 0;
      for (java.util.concurrent.Future<Integer> run : runs) {
        moved += run.get();
      }
      assertThat(moved).isEqualTo(submitted.size());
    } finally {
      replicas.shutdownNow();
    }

    assertThat(intake.deliveries()).extracting(StubClinicalIntake.Delivery::idempotencyKey)
        .containsExactlyInAnyOrderElementsOf(submitted.stream().map(UUID::toString).toList());
    submitted.forEach(draft -> assertThat(tables.draftExists(draft)).isFalse());
  }

  @Test
  void shouldFinishAMoveThatCrashedAfterTheIntakeStoredItButBeforeThePortalDeletedIt() throws Throwable {
    UUID draft = submitDraft();
    intake.failWith(0);
    // The state a crash leaves: the intake has the draft, the portal still has it claimed by a relay that died.
    tables.execute("UPDATE draft_outbox SET claimed_until = now() - interval '1 second' WHERE draft_id = ?", draft);

    assertThat(relayOnce()).isEqualTo(1);
    assertThat(relayOnce()).isZero();

    assertThat(tables.draftExists(draft)).isFalse();
    assertThat(intake.deliveries()).extracting(StubClinicalIntake.Delivery::idempotencyKey)
        .containsOnly(draft.toString());
    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/submissions")
        .then().statusCode(200)
        .body("items.find { it.draftId == '" + draft + "' }.stage", org.hamcrest.Matchers.equalTo("WITH_CLINICAL_TEAM"));
  }

  @Test
  void shouldShowTheSubmissionAsSubmittedUntilItArrives() throws Throwable {
    UUID draft = submitDraft();
    intake.failWith(503);
    relayOnce();

    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/submissions")
        .then().statusCode(200)
        .body("items.find { it.draftId == '" + draft + "' }.stage", org.hamcrest.Matchers.equalTo("SUBMITTED"));
    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/drafts/" + draft)
        .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("SUBMITTED"));
  }

  private Integer relayInReplica() throws Exception {
    try {
      return relayOnce();
    } catch (Throwable e) {
      throw new Exception(e);
    }
  }

  private int relayOnce() throws Throwable {
    return VertxContextSupport.subscribeAndAwait(relay::relayDue);
  }

  private UUID submitDraft() {
    return submitDraft(Personas.PATIENT);
  }

  private UUID submitDraft(org.openucp.infra.Persona patient) {
    String token = issuer.token(patient);
    String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");
    given().auth().oauth2(token).header("If-Match", "\"0\"")
        .when().post("/drafts/" + id + "/submission").then().statusCode(202);
    return UUID.fromString(id);
  }
}
