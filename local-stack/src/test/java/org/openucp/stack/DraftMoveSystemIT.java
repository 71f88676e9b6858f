package org.openucp.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.openucp.stack.ServiceProcess.freePort;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;
import org.openucp.model.identity.NhsNumber;

/**
 * Both packaged services as separate processes, one embedded PostgreSQL server, one OIDC issuer: a patient's draft
 * moves to the clinical store exactly once, even when the clinical API was down when the patient submitted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DraftMoveSystemIT {

  private static final Duration STARTUP = Duration.ofMinutes(2);
  private static final Duration MOVE = Duration.ofSeconds(60);

  private static EmbeddedDatabase database;
  private static LocalIssuer issuer;
  private static ServiceProcess clinical;
  private static ServiceProcess portal;
  private static int clinicalPort;
  private static Map<String, String> portalConfig;
  private static GreenMail mail;
  private static long classStartedMillis;

  @BeforeAll
  static void startPortalWhileTheClinicalApiIsDown() {
    classStartedMillis = System.currentTimeMillis() - 1000;
    StackLayout layout = StackLayout.find();
    database = EmbeddedDatabase.start(0, List.of("clinical", "portal"));
    issuer = LocalIssuer.start(0, Personas.ALL);
    clinicalPort = freePort();
    portalConfig = new HashMap<>(ServiceConfig.portal(database, issuer, "http://localhost:" + clinicalPort));
    portalConfig.put("portal.withdrawals.interval", "1s");
    portalConfig.put("portal.transfer.interval", "1s");
    portalConfig.put("portal.transfer.first-retry-delay", "500ms");
    portalConfig.put("portal.transfer.max-retry-delay", "1s");
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    portalConfig.put("quarkus.mailer.mock", "false");
    portalConfig.put("quarkus.mailer.host", "127.0.0.1");
    portalConfig.put("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()));
    portal = ServiceProcess.start("portal-api-system-test", layout.portalJar(), freePort(), portalConfig,
        layout.logDirectory());
    portal.awaitReady(STARTUP);
  }

  @AfterAll
  static void stopEverything() {
    if (mail != null) {
      mail.stop();
    }
    for (AutoCloseable started : new AutoCloseable[] {portal, clinical, issuer, database}) {
      if (started != null) {
        try {
          started.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  @Order(1)
  void shouldMoveADraftSubmittedWhileTheClinicalApiWasDownOnceItComesUp() {
    String patient = issuer.token(Personas.PATIENT);
    String id = given().auth().oauth2(patient).contentType(ContentType.JSON)
        .body(draft("I want to stay at home."))
        .when().post(portal.apiUrl() + "/drafts")
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(patient).header("If-Match", "\"0\"").contentType(ContentType.JSON)
        .body(draft("I want to stay at home, with my dog."))
        .when().put(portal.apiUrl() + "/drafts/" + id)
        .then().statusCode(200);
    given().auth().oauth2(patient).header("If-Match", "\"1\"")
        .when().post(portal.apiUrl() + "/drafts/" + id + "/submission")
        .then().statusCode(202);

    await("a failed delivery attempt").atMost(MOVE)
        .until(() -> count("portal", "SELECT attempts FROM draft_outbox WHERE draft_id = ?", id) >= 1);
    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/drafts/" + id)
        .then().statusCode(200).body("status", equalTo("SUBMITTED"));

    startClinical();

    await("the portal copy to go").atMost(MOVE).until(() ->
        given().auth().oauth2(patient).when().get(portal.apiUrl() + "/drafts/" + id).statusCode() == 404);
    assertThat(count("clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", id)).isEqualTo(1);
    assertThat(count("portal", "SELECT count(*) FROM draft WHERE id = ?", id)).isZero();
    assertThat(count("portal", "SELECT count(*) FROM draft_outbox WHERE draft_id = ?", id)).isZero();
    List<String> thoughts = given().auth().oauth2(issuer.token(Personas.GP))
        .when().get(clinical.apiUrl() + "/intake/submitted-drafts")
        .then().statusCode(200)
        .extract().path("items.findAll { it.draft.draftId == '" + id + "' }.draft.thoughtsAboutFutureCare");
    assertThat(thoughts).containsExactly("I want to stay at home, with my dog.");
  }

  @Test
  @Order(2)
  void shouldMoveADraftPromptlyWhenBothServicesAreUp() {
    String patient = issuer.token(Personas.SECOND_PATIENT);
    String id = given().auth().oauth2(patient).contentType(ContentType.JSON).body(draft("Hospice if possible."))
        .when().post(portal.apiUrl() + "/drafts")
        .then().statusCode(201).extract().path("id");
    given().auth().oauth2(patient).header("If-Match", "\"0\"")
        .when().post(portal.apiUrl() + "/drafts/" + id + "/submission")
        .then().statusCode(202);

    await("the move").atMost(MOVE)
        .until(() -> count("clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", id) == 1);
    await("the portal copy to go").atMost(MOVE)
        .until(() -> count("portal", "SELECT count(*) FROM draft WHERE id = ?", id) == 0);
    assertThat(count("clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", id)).isEqualTo(1);
  }

  @Test
  @Order(3)
  void shouldMoveEachDraftOnceWithThreePortalInstancesRelayingAndAfterARelayDiedMidMove() throws Exception {
    Map<String, String> config = new HashMap<>(ServiceConfig.portal(database, issuer, clinical.baseUrl()));
    // Small, frequent batches, so that the two instances below compete for the same outbox rows.
    config.put("portal.transfer.interval", "0.1s");
    config.put("portal.transfer.batch-size", "1");
    config.put("portal.transfer.relay-on-submit", "false");
    try (ServiceProcess second = ServiceProcess.start("portal-api-second", StackLayout.find().portalJar(),
            freePort(), config, StackLayout.find().logDirectory());
         ServiceProcess third = ServiceProcess.start("portal-api-third", StackLayout.find().portalJar(),
            freePort(), config, StackLayout.find().logDirectory())) {
      second.awaitReady(STARTUP);
      third.awaitReady(STARTUP);
      List<String> patients = new java.util.ArrayList<>();
      List<String> drafts = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String nhs = NhsNumbers.fresh();
        patients.add(nhs);
        ServiceProcess instance = i % 2 == 0 ? second : third;
        String token = issuer.token(NhsNumbers.patient(nhs));
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft("Mine " + i))
            .when().post(instance.apiUrl() + "/drafts").then().statusCode(201).extract().path("id");
        if (i == 0) {
          // What a relay that died after the intake stored the draft, but before the portal deleted it, leaves:
          // the intake already has the draft, the portal still has it to deliver.
          given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE)).header("Idempotency-Key", id)
              .contentType(ContentType.JSON).body(Map.of("draftId", id, "nhsNumber", nhs,
                  "organisation", Personas.DEMO_PRACTICE, "postcode", "SW3 6JJ",
                  "submittedAt", java.time.Instant.now().toString()))
              .when().post(clinical.apiUrl() + "/intake/submitted-drafts").then().statusCode(201);
        }
        given().auth().oauth2(token).header("If-Match", "\"0\"")
            .when().post(instance.apiUrl() + "/drafts/" + id + "/submission").then().statusCode(202);
        drafts.add(id);
      }

      for (String id : drafts) {
        await("draft " + id + " to move").atMost(MOVE)
            .until(() -> count("portal", "SELECT count(*) FROM draft WHERE id = ?", id) == 0);
      }
      for (int i = 0; i < drafts.size(); i++) {
        assertThat(count("clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", drafts.get(i)))
            .as("one clinical copy of " + drafts.get(i)).isEqualTo(1);
        assertThat(countFor(patients.get(i), "SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
            + "action = 'intake.deliver' AND http_status = 201")).as("stored once").isEqualTo(1);
      }
    }
  }

  @Test
  @Order(3)
  void shouldFinishTheMoveWhenARelayIsKilledBeforeTheIntakeStoredTheDraft() {
    assertMoveSurvivesKilledRelay(SwallowingIntake.beforeTheIntake());
  }

  @Test
  @Order(3)
  void shouldFinishTheMoveWhenARelayIsKilledAfterTheIntakeStoredTheDraftButBeforeThePortalDeletedIt() {
    assertMoveSurvivesKilledRelay(SwallowingIntake.afterTheIntake(clinical.baseUrl()));
  }

  /**
   * A second portal instance submits a draft and starts relaying it through an intake that never answers; the test
   * kills that instance (SIGKILL) while its relay waits. Once the dead relay's claim runs out, the first instance
   * finishes the move: one clinical copy, no portal copy.
   */
  private void assertMoveSurvivesKilledRelay(SwallowingIntake swallowing) {
    try (swallowing) {
      Map<String, String> config = new HashMap<>(ServiceConfig.portal(database, issuer, swallowing.url()));
      config.put("portal.transfer.claim-lease", "3s");
      String id = null;
      ServiceProcess doomed = ServiceProcess.start("portal-api-killed", StackLayout.find().portalJar(), freePort(),
          config, StackLayout.find().logDirectory());
      try {
        doomed.awaitReady(STARTUP);
        // The doomed instance relays right after the submission commits; should the other instance's schedule
        // take the draft first, the kill would prove nothing, so try again with another draft.
        for (int attempt = 0; attempt < 5 && swallowing.received() == 0; attempt++) {
          String nhs = NhsNumbers.fresh();
          String token = issuer.token(NhsNumbers.patient(nhs));
          String candidate = given().auth().oauth2(token).contentType(ContentType.JSON).body(draft("Killed relay"))
              .when().post(doomed.apiUrl() + "/drafts").then().statusCode(201).extract().path("id");
          given().auth().oauth2(token).header("If-Match", "\"0\"")
              .when().post(doomed.apiUrl() + "/drafts/" + candidate + "/submission").then().statusCode(202);
          await("the relay to take the draft").atMost(MOVE).until(() -> swallowing.received() > 0
              || count("portal", "SELECT count(*) FROM draft WHERE id = ?", candidate) == 0);
          id = candidate;
        }
        assertThat(swallowing.received()).as("a relay of the doomed instance is waiting on the intake").isEqualTo(1);
      } finally {
        doomed.kill();
      }
      String draftId = id;

      await("the surviving instance to finish the move").atMost(MOVE)
          .until(() -> count("portal", "SELECT count(*) FROM draft WHERE id = ?", draftId) == 0);
      assertThat(count("clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ?", draftId))
          .isEqualTo(1);
      assertThat(count("portal", "SELECT count(*) FROM draft_outbox WHERE draft_id = ?", draftId)).isZero();
    }
  }

  @Test
  @Order(3)
  void shouldAcceptATokenFetchedTheWayTheReadmeShows() {
    String token = given().formParams(Map.of("grant_type", "client_credentials", "client_id", "gp",
            "client_secret", "demo"))
        .when().post(issuer.tokenEndpoint(Persona.STAFF_ISSUER))
        .then().statusCode(200).extract().path("access_token");

    given().auth().oauth2(token).when().get(clinical.apiUrl() + "/intake/submitted-drafts").then().statusCode(200);
  }

  @Test
  @Order(4)
  void shouldShowThePatientTheirPublishedPlanWhoSawItAndLetThemWithdraw() {
    String gp = issuer.token(Personas.GP);
    String nhs = Personas.PATIENT_NHS_NUMBER;
    given().auth().oauth2(gp).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", nhs, "consent", Map.of("basis", "EXPLICIT_CONSENT"), "content", Map.of(
            "person", Map.of("givenName", "Edith", "familyName", "Smith", "dateOfBirth", "1948-03-12",
                "postcode", "SW3 6JJ"),
            "gp", Map.of("name", "Dr Jane Doe", "practiceName", "Demo Medical Practice"),
            "diagnoses", Map.of("primaryEndOfLifeDiagnosis", "Heart failure"),
            "whatMattersToMe", "My garden",
            "plannedReviewDate", java.time.LocalDate.now().plusMonths(1).toString())))
        .when().post(clinical.apiUrl() + "/plans").then().statusCode(201);
    given().auth().oauth2(gp).contentType(ContentType.JSON).body(Map.of("basis", "EXPLICIT_CONSENT"))
        .when().put(clinical.apiUrl() + "/plans/" + nhs + "/consent").then().statusCode(200);
    given().auth().oauth2(gp).header("If-Match", "\"0\"")
        .when().post(clinical.apiUrl() + "/plans/" + nhs + "/publication").then().statusCode(201);
    String patient = issuer.token(Personas.PATIENT);

    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/my-plan")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("My garden"));
    List<String> organisations = given().auth().oauth2(patient).when().get(portal.apiUrl() + "/my-plan/access-log")
        .then().statusCode(200).extract().path("items.organisation");
    assertThat(organisations).contains(Personas.DEMO_PRACTICE);
    // The GP started this plan without taking the patient's submissions into it: they stay with the clinical team.
    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/submissions")
        .then().statusCode(200).body("items[0].stage", equalTo("WITH_CLINICAL_TEAM"));

    // The proxy is invited as NHS login knows them: their verified date of birth and email must match.
    Persona invited = Personas.SECOND_PATIENT;
    String proxyBirthdate = (String) invited.claims().get("birthdate");
    given().auth().oauth2(patient).contentType(ContentType.JSON)
        .body(Map.of("email", invited.claims().get("email"), "dateOfBirth", proxyBirthdate))
        .when().post(portal.apiUrl() + "/proxies").then().statusCode(201);
    await("the invitation email").atMost(MOVE).until(() -> mail.getReceivedMessages().length > 0);
    Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)")
        .matcher(GreenMailUtil.getBody(mail.getReceivedMessages()[0]));
    assertThat(link.find()).isTrue();
    String proxy = issuer.token(invited);
    String access = given().auth().oauth2(proxy).contentType(ContentType.JSON)
        .body(Map.of("token", link.group(1), "dateOfBirth", proxyBirthdate, "patientNhsNumber", nhs))
        .when().post(portal.apiUrl() + "/proxy-invitations/acceptance")
        .then().statusCode(200).extract().path("id");
    given().auth().oauth2(proxy).when().get(portal.apiUrl() + "/proxy/patients/" + access + "/plan")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("My garden"));
    assertThat(countFor(nhs, "SELECT count(*) FROM audit_event WHERE nhs_number = ? AND role_code = 'PROXY'"
        + " AND action = 'patient.view'")).as("the proxy's view is in the clinical audit trail").isEqualTo(1);

    given().auth().oauth2(patient).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I no longer want a plan"))
        .when().post(portal.apiUrl() + "/my-plan/consent-withdrawal")
        .then().statusCode(200)
        .body("clinical.versionsDeleted", equalTo(1))
        .body("portal.proxies", equalTo(1));
    given().auth().oauth2(gp).when().get(clinical.apiUrl() + "/plans/" + nhs).then().statusCode(404);
    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/my-plan").then().statusCode(404);
    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/proxies")
        .then().statusCode(200).body("items", hasSize(0));
    given().auth().oauth2(patient).when().get(portal.apiUrl() + "/submissions")
        .then().statusCode(200).body("items.stage", everyItem(equalTo("ERASED")));
    given().auth().oauth2(proxy).when().get(portal.apiUrl() + "/proxy/patients/" + access + "/plan")
        .then().statusCode(404);
  }

  @Test
  @Order(4)
  void shouldEndProxyAccessInThePortalWhenStaffWithdrewWhileThePortalWasDown() {
    String gp = issuer.token(Personas.GP);
    String nhs = NhsNumbers.fresh();
    given().auth().oauth2(gp).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", nhs, "consent", Map.of("basis", "EXPLICIT_CONSENT"), "content", Map.of()))
        .when().post(clinical.apiUrl() + "/plans").then().statusCode(201);
    Persona proxy = NhsNumbers.freshPatient();
    execute("portal", "INSERT INTO proxy_invitation (id, patient_nhs_number, proxy_email, proxy_birthdate, "
        + "token_hash, status, failed_attempts, expires_at, created_at, accepted_at, proxy_subject) VALUES ('"
        + UUID.randomUUID() + "', '" + nhs + "', 'carer@example.org', '1970-01-01', '" + UUID.randomUUID()
        + "', 'ACTIVE', 0, now() + interval '1 day', now(), now(), '" + proxy.subject() + "')");
    given().auth().oauth2(issuer.token(proxy)).when().get(portal.apiUrl() + "/proxy/patients")
        .then().statusCode(200).body("items", hasSize(1));

    portal.kill();
    given().auth().oauth2(gp).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "Patient asked by phone"))
        .when().post(clinical.apiUrl() + "/plans/" + nhs + "/consent/withdrawal").then().statusCode(200);
    portal = ServiceProcess.start("portal-api-system-test", StackLayout.find().portalJar(), freePort(), portalConfig,
        StackLayout.find().logDirectory());
    portal.awaitReady(STARTUP);

    await("the portal to apply the withdrawal").atMost(MOVE).until(() ->
        countIn("portal", "SELECT count(*) FROM proxy_invitation WHERE patient_nhs_number = ?", nhs) == 0);
    given().auth().oauth2(issuer.token(proxy)).when().get(portal.apiUrl() + "/proxy/patients")
        .then().statusCode(200).body("items", hasSize(0));
    await("the notice to be acknowledged").atMost(MOVE).until(() ->
        countIn("clinical",
        "SELECT count(*) FROM withdrawal_notice WHERE nhs_number = ? AND acknowledged_at IS NULL", nhs) == 0);
  }

  @Test
  @Order(5)
  void shouldReportNotReadyWhileTheDatabaseIsDownAndStayLive() {
    database.close();

    await("clinical not ready").atMost(MOVE).until(() -> clinical.healthStatus("ready") == 503);
    await("portal not ready").atMost(MOVE).until(() -> portal.healthStatus("ready") == 503);
    assertThat(clinical.healthStatus("live")).isEqualTo(200);
    assertThat(portal.healthStatus("live")).isEqualTo(200);
  }

  @Test
  @Order(1)
  void shouldRefuseToStartNamingEverySettingThatIsMissing() throws IOException {
    Map<String, String> incomplete = new HashMap<>(portalConfig);
    incomplete.remove("quarkus.rest-client.clinical-intake.url");
    incomplete.remove("quarkus.oidc-client.auth-server-url");

    try (ServiceProcess unconfigured = ServiceProcess.start("portal-api-unconfigured", StackLayout.find().portalJar(),
        freePort(), incomplete, StackLayout.find().logDirectory())) {
      assertThatThrownBy(() -> unconfigured.awaitReady(STARTUP)).hasMessageContaining("exited");
      assertThat(Files.readString(unconfigured.log()))
          .contains("QUARKUS_REST_CLIENT_CLINICAL_INTAKE_URL", "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL");
    }
  }

  /** Last: the logs of every service this class ran, through outages and restarts, hold no identifier or token. */
  @Test
  @Order(Integer.MAX_VALUE)
  void shouldKeepNhsNumbersAndTokensOutOfEveryLogLine() throws IOException {
    Pattern testNhsNumber = Pattern.compile("\\b9\\d{9}\\b");
    List<String> leaks = new ArrayList<>();
    List<Path> logs;
    try (Stream<Path> files = Files.list(StackLayout.find().logDirectory())) {
      logs = files.filter(log -> log.toFile().lastModified() >= classStartedMillis).toList();
    }
    assertThat(logs).hasSizeGreaterThanOrEqualTo(2);
    for (Path log : logs) {
      for (String line : Files.readAllLines(log)) {
        Matcher number = testNhsNumber.matcher(line);
        while (number.find()) {
          if (NhsNumber.isValid(number.group())) {
            leaks.add(log.getFileName() + ": " + line);
          }
        }
        // A signed JWT starts with its base64url-encoded header, '{"' being "eyJ".
        if (line.contains("eyJ") || line.contains("Bearer ")) {
          leaks.add(log.getFileName() + ": " + line);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void startClinical() {
    clinical = ServiceProcess.start("clinical-api-system-test", StackLayout.find().clinicalJar(), clinicalPort,
        ServiceConfig.clinical(database, issuer), StackLayout.find().logDirectory());
    clinical.awaitReady(STARTUP);
    DemoOnboarding.onboard(clinical.apiUrl(), issuer, Personas.STAFF);
  }

  private static Map<String, Object> draft(String thoughts) {
    return Map.of("organisation", Personas.DEMO_PRACTICE, "postcode", "SW3 6JJ", "email", "patient@example.org",
        "preferredPlaceOfCare", "HOME",
        "functionalLevel", "LIMITED_SELF_CARE", "thoughtsAboutFutureCare", thoughts,
        "keySupporter", Map.of("name", "Mary Smith", "relationship", "Daughter", "phone", "020 7946 0000"));
  }

  private static long count(String databaseName, String sql, String id) {
    try (Connection connection = database.connect(databaseName);
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, UUID.fromString(id));
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long countFor(String nhsNumber, String sql) {
    return countIn("clinical", sql, nhsNumber);
  }

  private static void execute(String databaseName, String sql) {
    try (Connection connection = database.connect(databaseName);
         PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long countIn(String databaseName, String sql, String nhsNumber) {
    try (Connection connection = database.connect(databaseName);
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, nhsNumber);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
