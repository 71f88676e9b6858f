package org.openucp.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openucp.stack.ServiceProcess.freePort;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;

/**
 * The packaged services stop as Kubernetes stops a pod during a rolling upgrade: SIGTERM, then a delay while the
 * readiness probe says DOWN and requests are still answered, then requests under way finish, and the process exits
 * 0. A portal that stops hands back its relay's claims, so that another portal delivers those drafts at once
 * rather than after the claim's lease.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownSystemIT {

  private static final Duration STARTUP = Duration.ofMinutes(2);
  /** The production values are 5 s and 15 s (application.properties); the delay is shorter here to save time. */
  private static final String SHUTDOWN_DELAY = "2s";
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);
  /** Long enough that a draft delivered promptly can only have been released, not waited out. */
  private static final String CLAIM_LEASE = "10m";
  private static final int LOOKUPS_IN_FLIGHT = 8;

  private static EmbeddedDatabase database;
  private static LocalIssuer issuer;
  private static ServiceProcess clinical;

  @BeforeAll
  static void startDatabaseIssuerAndClinicalApi() {
    database = EmbeddedDatabase.start(0, List.of("clinical", "portal"));
    issuer = LocalIssuer.start(0, Personas.ALL);
    Map<String, String> config = new HashMap<>(ServiceConfig.clinical(database, issuer));
    config.put("quarkus.shutdown.delay", SHUTDOWN_DELAY);
    clinical = ServiceProcess.start("clinical-api-shutdown", StackLayout.find().clinicalJar(), freePort(), config,
        StackLayout.find().logDirectory());
    clinical.awaitReady(STARTUP);
    DemoOnboarding.onboard(clinical.apiUrl(), issuer, Personas.STAFF);
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable started : new AutoCloseable[] {clinical, issuer, database}) {
      if (started != null) {
        try {
          started.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * A portal instance claims a submitted draft for ten minutes and is delivering it to an intake that never
   * answers when it is told to stop. It exits 0 having released the claim (not recorded a failed attempt), and a
   * second portal instance delivers the draft within seconds.
   */
  @Test
  @Order(1)
  void shouldReleaseTheRelaysClaimAtShutdownSoThatAnotherPortalDeliversTheDraftAtOnce() throws IOException {
    String draftId;
    try (SwallowingIntake swallowing = SwallowingIntake.beforeTheIntake()) {
      Map<String, String> config = new HashMap<>(ServiceConfig.portal(database, issuer, swallowing.url()));
      config.put("portal.transfer.claim-lease", CLAIM_LEASE);
      config.put("portal.transfer.shutdown-grace", "1s");
      config.put("quarkus.rest-client.clinical-intake.read-timeout", "120000");
      config.put("quarkus.shutdown.delay", SHUTDOWN_DELAY);
      ServiceProcess stopped = ServiceProcess.start("portal-api-stopped", StackLayout.find().portalJar(), freePort(),
          config, StackLayout.find().logDirectory());
      try {
        stopped.awaitReady(STARTUP);
        String nhs = NhsNumbers.fresh();
        String token = issuer.token(NhsNumbers.patient(nhs));
        draftId = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft())
            .when().post(stopped.apiUrl() + "/drafts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).header("If-Match", "\"0\"")
            .when().post(stopped.apiUrl() + "/drafts/" + draftId + "/submission").then().statusCode(202);
        await("the relay to take the draft to the intake").atMost(Duration.ofSeconds(30))
            .until(() -> swallowing.received() == 1);
        assertThat(claimedForMinutes(draftId)).as("claimed for the lease").isTrue();

        stopped.terminate();

        assertThat(stopped.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(10))).as("exited within the timeout, with").isZero();
      } finally {
        stopped.kill();
      }
      assertThat(count("SELECT count(*) FROM draft_outbox WHERE draft_id = ? AND claimed_until IS NULL"
          + " AND attempts = 0 AND last_error IS NULL", draftId))
          .as("the claim released, no failed attempt recorded").isEqualTo(1);
      assertThat(Files.readString(stopped.log())).contains("released 1 claim(s) on submitted drafts");
    }

    Map<String, String> config = new HashMap<>(ServiceConfig.portal(database, issuer, clinical.baseUrl()));
    config.put("portal.transfer.interval", "1s");
    config.put("portal.transfer.claim-lease", CLAIM_LEASE);
    try (ServiceProcess survivor = ServiceProcess.start("portal-api-survivor", StackLayout.find().portalJar(),
        freePort(), config, StackLayout.find().logDirectory())) {
      survivor.awaitReady(STARTUP);
      String id = draftId;
      await("the other portal to deliver the draft").atMost(Duration.ofSeconds(30))
          .until(() -> count("SELECT count(*) FROM draft WHERE id = ?", id) == 0);
      assertThat(countClinical("SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", id)).isEqualTo(1);
    }
  }

  /**
   * Crisis lookups are held up in the database (their table locked) when the clinical API is told to stop. During
   * the shutdown delay it reports not ready and still answers new requests, closing each connection after its
   * answer so that clients reconnect elsewhere; after the delay it waits for the held-up lookups; once the lock goes
   * they all complete with 200 on their own connections, none reset, and the process exits 0.
   */
  @Test
  @Order(2)
  void shouldFinishLookupsUnderWayWhenTheClinicalApiIsStoppedAndExitZero() throws Exception {
    String patient = publishedPlan();
    String paramedic = issuer.token(Personas.PARAMEDIC);
    assertThat(lookup(patient, paramedic).join().statusCode()).isEqualTo(200);
    assertThat(List.of(clinical.healthStatus("started"), clinical.healthStatus("live"),
        clinical.healthStatus("ready"))).as("the startup, liveness and readiness probes").containsOnly(200);

    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    try (Connection lock = database.connect("clinical")) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE published_plan IN ACCESS EXCLUSIVE MODE");
      }
      for (int i = 0; i < LOOKUPS_IN_FLIGHT; i++) {
        inFlight.add(lookup(patient, paramedic));
      }
      await("a lookup to wait for the table").atMost(Duration.ofSeconds(10)).until(() -> countClinical(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = 'clinical' AND wait_event_type = 'Lock'"
              + " AND query LIKE ?", "%published_plan%") > 0);

      clinical.terminate();

      await("not ready during the shutdown delay").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> clinical.healthStatus("ready") == 503);
      HttpResponse<String> duringDelay = get("/intake/recipients", issuer.token(Personas.GP)).join();
      assertThat(duringDelay.statusCode()).as("a new request during the delay is still answered").isEqualTo(200);
      assertThat(given().when().get(clinical.baseUrl() + "/q/health/live").then().statusCode(200).extract()
          .header("Connection")).as("its connection closed after the answer").isEqualToIgnoringCase("close");
      await("the delay to end and the service to wait for the lookups").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Files.readString(clinical.log()).contains("Waiting for HTTP requests to complete"));
      assertThat(inFlight).as("the lookups are still under way").noneMatch(CompletableFuture::isDone);
      assertThat(clinical.isAlive()).isTrue();

      lock.rollback();
    }

    for (CompletableFuture<HttpResponse<String>> lookup : inFlight) {
      HttpResponse<String> response = lookup.join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains(patient);
    }
    assertThat(clinical.awaitExit(SHUTDOWN_TIMEOUT)).as("exited within the timeout, with").isZero();
    assertThat(Files.readString(clinical.log())).contains("All HTTP requests complete", "clinical-api stopped");
  }

  private static CompletableFuture<HttpResponse<String>> lookup(String nhsNumber, String token) {
    return get("/urgent-care/patients/" + nhsNumber, token);
  }

  /** On a connection of its own, so that a reset would show here as a failure. */
  private static CompletableFuture<HttpResponse<String>> get(String path, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(clinical.apiUrl() + path))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build();
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
        .sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String publishedPlan() {
    String gp = issuer.token(Personas.GP);
    String nhs = NhsNumbers.fresh();
    given().auth().oauth2(gp).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", nhs, "consent", Map.of("basis", "EXPLICIT_CONSENT"), "content", Map.of(
            "person", Map.of("givenName", "Edith", "familyName", "Smith", "dateOfBirth", "1948-03-12",
                "postcode", "SW3 6JJ"),
            "gp", Map.of("name", "Dr Jane Doe", "practiceName", "Demo Medical Practice"),
            "diagnoses", Map.of("primaryEndOfLifeDiagnosis", "Heart failure"),
            "whatMattersToMe", "My garden",
            "plannedReviewDate", LocalDate.now().plusMonths(1).toString())))
        .when().post(clinical.apiUrl() + "/plans").then().statusCode(201);
    given().auth().oauth2(gp).header("If-Match", "\"0\"")
        .when().post(clinical.apiUrl() + "/plans/" + nhs + "/publication").then().statusCode(201);
    return nhs;
  }

  private static Map<String, Object> draft() {
    return Map.of("organisation", Personas.DEMO_PRACTICE, "postcode", "SW3 6JJ", "email", "patient@example.org",
        "preferredPlaceOfCare", "HOME", "thoughtsAboutFutureCare", "At home if I can.");
  }

  private static boolean claimedForMinutes(String draftId) {
    return count("SELECT count(*) FROM draft_outbox WHERE draft_id = ?"
        + " AND claimed_until > now() + interval '5 minutes'", draftId) == 1;
  }

  private static long count(String sql, String draftId) {
    try (Connection connection = database.connect("portal");
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, UUID.fromString(draftId));
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long countClinical(String sql, Object parameter) {
    try (Connection connection = database.connect("clinical");
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, parameter instanceof String text && text.length() == 36 ? UUID.fromString(text) : parameter);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
