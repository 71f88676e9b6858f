package org.openucp.clinical.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.notice.service.ReconsentRestrictions;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * Privacy notices in versions, each consent naming the one it was given under, and what a notice whose purposes
 * changed sets off: each patient asked again (a notification the portal emails, a task for the care team), the flag
 * cleared by consent given again, and the plan restricted (kept, not deleted) only once the grace period has passed
 * without it. Grace periods are ended by moving the due date into the past in the database, never the clock.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PrivacyNoticeTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  ReconsentRestrictions restrictionJob;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldSeedVersionOneWithTheServicesPurposes() {
    JsonPath notices = api.as(Personas.GP).when().get("/privacy-notices").then().statusCode(200).extract().jsonPath();

    assertThat(notices.getString("items[0].version")).isEqualTo("1");
    assertThat(notices.getList("items[0].purposes.code", String.class))
        .containsExactly("care-plan", "urgent-care-sharing", "identifier-sharing", "patient-drafts", "draft-help",
            "proxy-viewing");
    assertThat(notices.getBoolean("items[0].reconsentRequired")).isFalse();
    assertThat(tables.count("SELECT count(*) FROM consent WHERE privacy_notice_id IS NULL")).isZero();
  }

  @Test
  void shouldNameTheCurrentNoticeInEveryConsentRecordedByAnyPath() {
    String initiated = api.publishedPlan(aPlan());
    String current = currentVersion();

    api.as(Personas.GP).when().get("/plans/" + initiated + "/consent")
        .then().statusCode(200).body("privacyNoticeVersion", equalTo(current))
        .body("reconsentRequired", equalTo(false));

    String newer = publish(purposesWithOneChanged()).then().statusCode(201).extract().path("notice.version");
    api.recordConsent(Personas.GP, initiated, "EXPLICIT_CONSENT")
        .then().statusCode(200).body("privacyNoticeVersion", equalTo(newer));
    String later = api.publishedPlan(aPlan());
    api.as(Personas.GP).when().get("/plans/" + later + "/consent")
        .then().statusCode(200).body("privacyNoticeVersion", equalTo(newer));
    assertThat(tables.count("SELECT count(*) FROM consent c JOIN care_plan p ON p.id = c.plan_id "
        + "JOIN privacy_notice n ON n.id = c.privacy_notice_id WHERE p.nhs_number = ? AND n.version = ?",
        later, newer)).isEqualTo(1);
  }

  @Test
  void shouldAskForConsentAgainWhenANoticeChangesItsPurposes() {
    String patient = api.publishedPlan(aPlan());
    List<Map<String, String>> purposes = purposesWithOneChanged();
    String added = "research-" + UUID.randomUUID().toString().substring(0, 8);
    purposes.add(Map.of("code", added, "description", "Anonymised research on how urgent care plans are used."));
    Instant before = Instant.now();

    JsonPath published = publish(purposes).then().statusCode(201)
        .header("Location", notNullValue())
        .body("notice.reconsentRequired", equalTo(true))
        .body("addedPurposes", equalTo(List.of(added)))
        .body("changedPurposes", equalTo(List.of(purposes.get(0).get("code"))))
        .extract().jsonPath();
    String version = published.getString("notice.version");
    Instant due = Instant.parse(published.getString("notice.reconsentDueAt"));

    assertThat(published.getLong("consentsToRenew")).isPositive();
    assertThat(due).isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
    api.as(Personas.GP).when().get("/plans/" + patient + "/consent").then().statusCode(200)
        .body("reconsentRequired", equalTo(true))
        .body("reconsentNoticeVersion", equalTo(version))
        .body("reconsentDueAt", equalTo(published.getString("notice.reconsentDueAt")))
        .body("patientNotified", equalTo("PENDING"));
    api.as(Personas.COMMUNITY_NURSE).when().get("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups")
        .then().statusCode(200)
        .body("items.find { it.nhsNumber == '" + patient + "' }.reason", equalTo("RECONSENT_REQUIRED"));
    api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/reconsent-notifications")
        .then().statusCode(200)
        .body("items.find { it.nhsNumber == '" + patient + "' }.noticeVersion", equalTo(version))
        .body("items.find { it.nhsNumber == '" + patient + "' }.dueAt", equalTo(published.getString("notice.reconsentDueAt")));
    // The plan stays in urgent care meanwhile.
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);
  }

  /**
   * A consent written (here: a plan initiated, straight in the database) while a notice with changed purposes is
   * published is either flagged by the publication or names the new notice: the publication waits for it.
   */
  @Test
  void shouldNotMissAConsentWrittenWhileANoticeIsPublished() throws Exception {
    UUID plan = UUID.randomUUID();
    String patient = NhsNumbers.fresh();
    CompletableFuture<Response> publishing;
    try (Connection writing = database.connect("clinical")) {
      writing.setAutoCommit(false);
      try (PreparedStatement initiated = writing.prepareStatement("""
          INSERT INTO care_plan (id, nhs_number, draft_content, draft_revision, draft_updated_at, draft_updated_by,
                                 latest_version, owning_organisation, created_at, created_by)
          VALUES (?, ?, '{}', 0, now(), 'test', 0, 'A83008', now(), 'test')""");
           PreparedStatement consented = writing.prepareStatement("""
          INSERT INTO consent (plan_id, basis, recorded_by, recorded_at) VALUES (?, 'EXPLICIT_CONSENT', 'test', now())
          """)) {
        initiated.setObject(1, plan);
        initiated.setString(2, patient);
        initiated.executeUpdate();
        consented.setObject(1, plan);
        consented.executeUpdate();
      }
      publishing = CompletableFuture.supplyAsync(() -> publish(purposesWithOneChanged()));
      assertThat(publicationWaitingForTheLock()).as("the publication waits for the consent being written").isTrue();
      assertThat(publishing).isNotDone();
      writing.commit();
    }

    String notice = publishing.get(30, TimeUnit.SECONDS).then().statusCode(201).extract().path("notice.id");
    assertThat(tables.count("SELECT count(*) FROM consent WHERE plan_id = ? AND reconsent_notice_id = ?", plan,
        UUID.fromString(notice))).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM reconsent_notification WHERE nhs_number = ?", patient))
        .isEqualTo(1);
  }

  @Test
  void shouldAskForNothingWhenANoticeKeepsOrOnlyRemovesPurposes() {
    String patient = api.publishedPlan(aPlan());
    List<Map<String, String>> same = new ArrayList<>();
    for (Map<String, String> purpose : currentPurposes()) {
      // Spacing is layout, not meaning.
      same.add(Map.of("code", purpose.get("code"), "description", "  " + purpose.get("description") + "\n"));
    }

    publish(same).then().statusCode(201)
        .body("notice.reconsentRequired", equalTo(false))
        .body("notice.reconsentDueAt", nullValue())
        .body("consentsToRenew", equalTo(0))
        .body("changedPurposes", equalTo(List.of()));
    publish(same.subList(0, same.size() - 1)).then().statusCode(201)
        .body("notice.reconsentRequired", equalTo(false))
        .body("removedPurposes", equalTo(List.of(same.get(same.size() - 1).get("code"))))
        .body("consentsToRenew", equalTo(0));

    api.as(Personas.GP).when().get("/plans/" + patient + "/consent").then().statusCode(200)
        .body("reconsentRequired", equalTo(false));
    assertThat(tables.count("SELECT count(*) FROM reconsent_notification WHERE nhs_number = ?", patient)).isZero();
    assertThat(tables.count("SELECT count(*) FROM follow_up_task WHERE nhs_number = ?", patient)).isZero();
  }

  @Test
  void shouldClearTheRequestWhenConsentIsGivenAgainUnderTheCurrentNotice() {
    String patient = api.publishedPlan(aPlan());
    String version = publish(purposesWithOneChanged()).then().statusCode(201).extract().path("notice.version");

    api.recordConsent(Personas.GP, patient, "EXPLICIT_CONSENT").then().statusCode(200)
        .body("privacyNoticeVersion", equalTo(version))
        .body("reconsentRequired", equalTo(false))
        .body("reconsentDueAt", nullValue())
        .body("patientNotified", nullValue());

    api.as(Personas.GP).when().get("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups")
        .then().statusCode(200).body("items.nhsNumber", not(hasItem(patient)));
    assertThat(tables.count("SELECT count(*) FROM follow_up_task WHERE nhs_number = ? AND completed_by = ?",
        patient, Personas.GP.subject())).isEqualTo(1);
    api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/reconsent-notifications")
        .then().statusCode(200).body("items.nhsNumber", not(hasItem(patient)));
  }

  @Test
  void shouldRestrictAPlanOnlyOnceTheGracePeriodHasPassedWithoutConsent() throws Throwable {
    String patient = api.publishedPlan(aPlan());
    String reconsented = api.publishedPlan(aPlan());
    publish(purposesWithOneChanged()).then().statusCode(201);

    runRestrictionJob();
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);

    api.recordConsent(Personas.GP, reconsented, "EXPLICIT_CONSENT").then().statusCode(200);
    dueInThePast(patient);
    dueInThePast(reconsented);
    assertThat(runRestrictionJob()).isGreaterThanOrEqualTo(1);

    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call")
        .when().get("/urgent-care/patients/" + patient).then().statusCode(404);
    api.as(Personas.PARAMEDIC).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(200).body("total", equalTo(0));
    api.as(Personas.IG_OFFICER).when().get("/restrictions").then().statusCode(200)
        .body("items.find { it.nhsNumber == '" + patient + "' }.reason", equalTo("re-consent overdue"))
        .body("items.nhsNumber", not(hasItem(reconsented)));
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + reconsented).then().statusCode(200);
    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient))
        .as("kept, not deleted").isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'reconsent.restrict'"
        + " AND actor_id = 'openucp:reconsent-restrictions'", patient)).isEqualTo(1);
    api.as(Personas.GP).when().get("/plans/" + patient + "/consent").then().statusCode(200)
        .body("restrictedForReconsentAt", notNullValue());

    runRestrictionJob();
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'reconsent.restrict'",
        patient)).as("each plan once").isEqualTo(1);
  }

  @Test
  void shouldBringARestrictedPlanBackToUrgentCareAsSoonAsConsentIsGivenAgain() throws Throwable {
    String patient = restrictedForWantOfReconsent();
    api.as(Personas.GP).when().get("/plans/" + patient + "/published")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/plan-restricted"));
    api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/consent").then().statusCode(404);
    api.recordConsent(Personas.SECOND_PRACTICE_GP, patient, "EXPLICIT_CONSENT").then().statusCode(404);

    api.recordConsent(Personas.GP, patient, "EXPLICIT_CONSENT").then().statusCode(200)
        .body("reconsentRequired", equalTo(false))
        .body("restrictedForReconsentAt", nullValue());

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);
    api.as(Personas.PARAMEDIC).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(200).body("total", equalTo(1));
    api.as(Personas.GP).when().get("/plans/" + patient + "/published").then().statusCode(200);
    api.as(Personas.IG_OFFICER).when().get("/restrictions").then().statusCode(200)
        .body("items.nhsNumber", not(hasItem(patient)));
  }

  @Test
  void shouldStillEraseAPlanRestrictedForWantOfReconsentWhenConsentIsWithdrawn() throws Throwable {
    String patient = restrictedForWantOfReconsent();

    api.withdraw(Personas.GP, patient).then().statusCode(200).body("planErased", equalTo(true));

    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient)).isZero();
    assertThat(tables.count("SELECT count(*) FROM restriction WHERE nhs_number = ?", patient)).isZero();
    assertThat(tables.count("SELECT count(*) FROM reconsent_notification WHERE nhs_number = ?", patient)).isZero();
    assertThat(tables.count("SELECT count(*) FROM follow_up_task WHERE nhs_number = ? AND completed_at IS NULL",
        patient)).isZero();
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(404);
  }

  @Test
  void shouldKeepARestrictionThePatientAskedForWhenConsentIsRecordedAgain() {
    String patient = api.publishedPlan(aPlan());
    publish(purposesWithOneChanged()).then().statusCode(201);
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", "RESTRICTION", "receivedVia", "LETTER", "requester", "The patient"))
        .when().post("/rights-requests").then().statusCode(201);

    api.recordConsent(Personas.GP, patient, "EXPLICIT_CONSENT")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/plan-restricted"));
    assertThat(tables.count("SELECT count(*) FROM restriction WHERE nhs_number = ?", patient)).isEqualTo(1);
  }

  @Test
  void shouldShowNearlyDueAndOverdueReconsentsInTheDeadlines() throws Exception {
    String patient = api.publishedPlan(aPlan());
    String notice = publish(purposesWithOneChanged()).then().statusCode(201).extract().path("notice.id");
    Instant soon = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    setDue(patient, "'" + soon + "'");

    Map<String, Object> nearlyDue = deadline(notice, soon);
    assertThat(nearlyDue).containsEntry("overdue", false);
    assertThat((String) nearlyDue.get("summary")).contains("1 patient");

    Instant passed = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    setDue(patient, "'" + passed + "'");
    assertThat(deadline(notice, passed)).containsEntry("overdue", true);
    api.as(Personas.GP).when().get("/information-governance/deadlines").then().statusCode(403);
  }

  @Test
  void shouldLetOnlyInformationGovernancePublishANotice() {
    List<Map<String, String>> purposes = purposesWithOneChanged();
    for (Persona someone : List.of(Personas.GP, Personas.PLATFORM_ADMIN)) {
      publishAs(someone, purposes).then().statusCode(403).contentType("application/problem+json");
    }
    publishAs(Personas.PORTAL_SERVICE, purposes).then().statusCode(403);
    io.restassured.RestAssured.given().contentType(ContentType.JSON).body(notice(purposes))
        .when().post("/privacy-notices").then().statusCode(401);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE action = 'privacy-notice.publish' "
        + "AND outcome = 'DENIED' AND actor_id = ?", Personas.GP.subject())).isPositive();

    publishAs(Personas.IG_OFFICER, purposes).then().statusCode(201);
  }

  @Test
  void shouldShowNoticesToStaffAndThePortalOnly() {
    api.as(Personas.PARAMEDIC).when().get("/privacy-notices/current").then().statusCode(200)
        .body("version", notNullValue());
    String current = api.as(Personas.PORTAL_SERVICE).when().get("/privacy-notices/current").then().statusCode(200)
        .extract().path("id");
    api.as(Personas.CALL_HANDLER_111).when().get("/privacy-notices/" + current).then().statusCode(200);
    api.as(Personas.PORTAL_SERVICE).when().get("/privacy-notices").then().statusCode(200);
    api.as(Personas.GP).when().get("/privacy-notices/" + UUID.randomUUID())
        .then().statusCode(404).contentType("application/problem+json");
    api.as(Personas.URGENT_CARE_SYSTEM).when().get("/privacy-notices/current").then().statusCode(403);
    io.restassured.RestAssured.given().when().get("/privacy-notices/current").then().statusCode(401);
  }

  @Test
  void shouldRefuseABadNoticeWithAProblemNamingWhatToFix() {
    List<Map<String, String>> purposes = currentPurposes();
    Map<String, Object> missing = new HashMap<>(notice(purposes));
    missing.remove("version");
    missing.remove("effectiveFrom");
    ig(missing).then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", hasItem("version")).body("errors.field", hasItem("effectiveFrom"));
    ig(with(notice(purposes), "purposes", List.of())).then().statusCode(400).body("errors.field", hasItem("purposes"));
    ig(with(notice(purposes), "purposes", List.of(Map.of("code", "Not A Code", "description", "x"))))
        .then().statusCode(400).body("errors.field", hasItem("purposes.code"));
    ig(with(notice(purposes), "effectiveFrom", "next week")).then().statusCode(400);

    Map<String, Object> wordless = new HashMap<>(notice(purposes));
    wordless.remove("text");
    wordless.put("url", " ");
    ig(wordless).then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("text"));
    ig(with(notice(purposes), "url", "ftp://example.org/notice")).then().statusCode(422)
        .body("errors.field", hasItem("url"));
    List<Map<String, String>> twice = new ArrayList<>(purposes);
    twice.add(purposes.get(0));
    ig(with(notice(purposes), "purposes", twice)).then().statusCode(422)
        .body("errors.field", hasItem("purposes[" + purposes.size() + "].code"));
    ig(with(notice(purposes), "effectiveFrom", "2001-01-01T00:00:00Z")).then().statusCode(422)
        .body("type", equalTo("https://openucp.org/problems/effective-before-previous"));
    ig(with(notice(purposes), "version", currentVersion())).then().statusCode(409)
        .body("type", equalTo("https://openucp.org/problems/notice-version-exists"));
  }

  @Test
  void shouldGiveReconsentNotificationsToThePortalOnlyAndRecordWhatItCouldDo() {
    String patient = api.publishedPlan(aPlan());
    publish(purposesWithOneChanged()).then().statusCode(201);
    api.as(Personas.GP).when().get("/reconsent-notifications").then().statusCode(403);
    api.as(Personas.URGENT_CARE_SYSTEM).when().get("/reconsent-notifications").then().statusCode(403);

    String id = api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/reconsent-notifications")
        .then().statusCode(200).extract().path("items.find { it.nhsNumber == '" + patient + "' }.id");
    api.as(Personas.PORTAL_SERVICE).contentType(ContentType.JSON).body(Map.of("outcome", "SOMETHING"))
        .when().put("/reconsent-notifications/" + id + "/outcome").then().statusCode(400);
    api.as(Personas.PORTAL_SERVICE).contentType(ContentType.JSON).body(Map.of("outcome", "NO_EMAIL_KNOWN"))
        .when().put("/reconsent-notifications/" + id + "/outcome").then().statusCode(204);
    api.as(Personas.PORTAL_SERVICE).contentType(ContentType.JSON).body(Map.of("outcome", "EMAILED"))
        .when().put("/reconsent-notifications/" + id + "/outcome").then().statusCode(204);

    api.as(Personas.GP).when().get("/plans/" + patient + "/consent").then().statusCode(200)
        .body("patientNotified", equalTo("NO_EMAIL_KNOWN"));
    api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/reconsent-notifications")
        .then().statusCode(200).body("items.id", not(hasItem(id)));
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = "
        + "'reconsent.notifications' AND outcome = 'SUCCESS'", patient)).isPositive();
  }

  private boolean publicationWaitingForTheLock() throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      if (tables.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** A patient whose plan the job has restricted because consent was not given again in time. */
  private String restrictedForWantOfReconsent() throws Throwable {
    String patient = api.publishedPlan(aPlan());
    publish(purposesWithOneChanged()).then().statusCode(201);
    dueInThePast(patient);
    runRestrictionJob();
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(404);
    return patient;
  }

  private Map<String, Object> deadline(String notice, Instant dueAt) {
    List<Map<String, Object>> deadlines = api.as(Personas.IG_OFFICER).queryParam("withinHours", 48)
        .when().get("/information-governance/deadlines").then().statusCode(200).extract().path("items");
    return deadlines.stream().filter(d -> "consent.reconsent".equals(d.get("kind")) && notice.equals(d.get("caseId"))
            && Instant.parse((String) d.get("dueAt")).equals(dueAt))
        .findFirst().orElseThrow(() -> new AssertionError("no deadline for " + notice + " at " + dueAt + " in "
            + deadlines));
  }

  private void dueInThePast(String patient) throws Exception {
    setDue(patient, "now() - interval '1 minute'");
  }

  private void setDue(String patient, String due) throws Exception {
    tables.execute("UPDATE consent SET reconsent_due_at = " + due + " WHERE reconsent_notice_id IS NOT NULL "
        + "AND plan_id = (SELECT id FROM care_plan WHERE nhs_number = '" + patient + "')");
  }

  private int runRestrictionJob() throws Throwable {
    return VertxContextSupport.subscribeAndAwait(restrictionJob::restrictOverdue);
  }

  private String currentVersion() {
    return api.as(Personas.GP).when().get("/privacy-notices/current").then().statusCode(200).extract()
        .path("version");
  }

  private List<Map<String, String>> currentPurposes() {
    List<Map<String, String>> purposes = api.as(Personas.GP).when().get("/privacy-notices/current")
        .then().statusCode(200).extract().path("purposes");
    return new ArrayList<>(purposes);
  }

  /** The current purposes with the first one's description saying something new. */
  private List<Map<String, String>> purposesWithOneChanged() {
    List<Map<String, String>> purposes = currentPurposes();
    Map<String, String> first = purposes.get(0);
    purposes.set(0, Map.of("code", first.get("code"), "description",
        "Recording your urgent care plan, as revised " + UUID.randomUUID() + "."));
    return purposes;
  }

  private Response publish(List<Map<String, String>> purposes) {
    return publishAs(Personas.IG_OFFICER, purposes);
  }

  private Response publishAs(Persona who, List<Map<String, String>> purposes) {
    return api.as(who).contentType(ContentType.JSON).body(notice(purposes)).when().post("/privacy-notices");
  }

  private Response ig(Map<String, Object> body) {
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(body).when().post("/privacy-notices");
  }

  private static Map<String, Object> notice(List<Map<String, String>> purposes) {
    return Map.of("version", "test-" + NhsNumbers.fresh() + "-" + UUID.randomUUID().toString().substring(0, 6),
        "text", "What we do with your urgent care plan, and why.", "url", "https://openucp.example/privacy",
        "purposes", purposes, "effectiveFrom", Instant.now().toString());
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new HashMap<>(body);
    changed.put(field, value);
    return changed;
  }
}
