package org.openucp.clinical.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.MovableClock;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** Patients' rights requests on the service's 48-hour promise and the statutory month, for information governance. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RightsRequestTest {

  private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  @LocalInfra
  LocalIssuer issuer;

  @Inject
  MovableClock clock;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @AfterEach
  void backToTheRealTime() {
    clock.reset();
  }

  @Test
  void shouldPromiseAnAnswerFortyEightHoursAfterReceiptAndListItOverdueOnceThatHasPassed() {
    Response recorded = record("ACCESS", null);
    String id = recorded.path("id");
    Instant receivedAt = Instant.parse(recorded.path("receivedAt"));
    assertThat(Instant.parse(recorded.path("serviceDueAt"))).isEqualTo(receivedAt.plus(Duration.ofHours(48)));
    assertThat(deadline(id, "rights-request.service")).containsEntry("overdue", false);

    clock.advance(Duration.ofHours(47).plusMinutes(59));
    assertThat(deadline(id, "rights-request.service")).containsEntry("overdue", false);

    clock.advance(Duration.ofMinutes(2));
    assertThat(deadline(id, "rights-request.service")).containsEntry("overdue", true);
  }

  @Test
  void shouldCountOverdueDeadlinesForMonitoringWithoutNamingAnyone() {
    int before = overdueInHealth();
    record("ACCESS", Instant.now().minus(49, ChronoUnit.HOURS));

    assertThat(overdueInHealth()).isEqualTo(before + 1);
  }

  @Test
  void shouldStartTheStatutoryMonthWhenTheRequestersIdentityIsVerified() {
    String id = record("ACCESS", Instant.parse("2026-01-30T10:00:00Z")).path("id");

    verify(id, Instant.parse("2026-01-31T09:00:00Z"))
        .then().statusCode(200).body("statutoryDueOn", equalTo("2026-02-28"));
  }

  @Test
  void shouldListTheStatutoryDeadlineOverdueOnceTheMonthFromIdentityVerificationHasPassed() {
    String id = record("ACCESS", null).path("id");
    LocalDate verifiedOn = LocalDate.now(ENGLAND);
    verify(id, null).then().statusCode(200).body("statutoryDueOn", equalTo(verifiedOn.plusMonths(1).toString()));

    moveTo(verifiedOn.plusMonths(1), LocalTime.of(23, 59));
    assertThat(deadline(id, "rights-request.statutory")).containsEntry("overdue", false);

    moveTo(verifiedOn.plusMonths(1).plusDays(1), LocalTime.of(0, 1));
    assertThat(deadline(id, "rights-request.statutory")).containsEntry("overdue", true);
  }

  @Test
  void shouldExtendOnceByUpToTwoMonthsAndOnlyWithinTheFirstMonth() {
    String id = record("ACCESS", null).path("id");
    extend(id, 2).then().statusCode(409).body("type", equalTo("https://openucp.org/problems/identity-not-verified"));
    verify(id, null).then().statusCode(200);
    LocalDate due = LocalDate.now(ENGLAND).plusMonths(1);

    extend(id, 3).then().statusCode(400);
    extend(id, 2).then().statusCode(200).body("extendedDueOn", equalTo(due.plusMonths(2).toString()));
    extend(id, 1).then().statusCode(409).body("type", equalTo("https://openucp.org/problems/already-extended"));

    String late = verifiedOn(LocalDate.now(ENGLAND).minusMonths(1).minusDays(3));
    extend(late, 1).then().statusCode(409).body("type", equalTo("https://openucp.org/problems/extension-too-late"));
  }

  @Test
  void shouldCloseWithTheReplySentAndLeaveTheOverdueList() {
    String id = record("ERASURE", Instant.now().minus(3, ChronoUnit.DAYS)).path("id");
    assertThat(deadline(id, "rights-request.service")).containsEntry("overdue", true);

    api.as(Personas.IG_OFFICER).header("If-Match", etag(id)).contentType(ContentType.JSON)
        .body(Map.of("status", "REFUSED", "outcome", "Clinical plan kept under the health-care exemption",
            "reply", "We keep your plan because ... You may complain to the ICO."))
        .when().post("/rights-requests/" + id + "/closure")
        .then().statusCode(200).body("status", equalTo("REFUSED"));

    assertThat(deadline(id, "rights-request.service")).isEmpty();
    verify(id, null).then().statusCode(409).body("type", equalTo("https://openucp.org/problems/request-closed"));
  }

  @Test
  void shouldRequireTheCurrentRevisionToChangeACase() {
    String id = record("ACCESS", null).path("id");

    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("method", "Passport seen"))
        .when().post("/rights-requests/" + id + "/identity-verification").then().statusCode(428);
    api.as(Personas.IG_OFFICER).header("If-Match", "\"7\"").contentType(ContentType.JSON)
        .body(Map.of("method", "Passport seen"))
        .when().post("/rights-requests/" + id + "/identity-verification").then().statusCode(412);
  }

  @Test
  void shouldRejectARequestReceivedInTheFutureOrWithoutARequester() {
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", NhsNumbers.fresh(), "kind", "ACCESS", "receivedVia", "LETTER",
            "requester", "The patient", "receivedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
        .when().post("/rights-requests").then().statusCode(400).contentType("application/problem+json");
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", NhsNumbers.fresh(), "kind", "ACCESS", "receivedVia", "LETTER"))
        .when().post("/rights-requests").then().statusCode(400).body("errors[0].field", equalTo("requester"));
  }

  @Test
  void shouldRefuseStatedTimesThatCannotHaveHappenedNamingTheFieldAndStoringNothing() {
    String ancient = "0001-01-01T00:00:00Z";
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", "RESTRICTION", "receivedVia", "LETTER", "requester", "The patient",
            "receivedAt", ancient))
        .when().post("/rights-requests").then().statusCode(400).body("errors[0].field", equalTo("receivedAt"));
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("complainant", "A relative", "summary", "Nobody called back", "receivedAt", ancient))
        .when().post("/complaints").then().statusCode(400).body("errors[0].field", equalTo("receivedAt"));
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);

    String id = record("ACCESS", null).path("id");
    verify(id, Instant.parse("+99999-01-01T00:00:00Z")).then().statusCode(400)
        .body("errors[0].field", equalTo("verifiedAt"));
  }

  @Test
  void shouldRefuseRightsRequestsToAnyoneButInformationGovernance() {
    for (Persona someone : List.of(Personas.GP, Personas.PLATFORM_ADMIN, Personas.PARAMEDIC)) {
      api.as(someone).contentType(ContentType.JSON)
          .body(Map.of("nhsNumber", NhsNumbers.fresh(), "kind", "ACCESS", "receivedVia", "LETTER",
              "requester", "The patient"))
          .when().post("/rights-requests").then().statusCode(403);
      api.as(someone).when().get("/rights-requests").then().statusCode(403);
    }
  }

  /** Moves the service's clock ahead to that time of that day in England. */
  private void moveTo(LocalDate day, LocalTime time) {
    clock.advance(Duration.between(clock.instant(), day.atTime(time).atZone(ENGLAND).toInstant()));
  }

  private Response record(String kind, Instant receivedAt) {
    Map<String, Object> body = new HashMap<>(Map.of("nhsNumber", NhsNumbers.fresh(), "kind", kind,
        "receivedVia", "TELEPHONE", "requester", "The patient, by telephone"));
    if (receivedAt != null) {
      body.put("receivedAt", receivedAt.toString());
    }
    Response response = api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(body)
        .when().post("/rights-requests");
    response.then().statusCode(201);
    return response;
  }

  /** A request whose requester's identity was verified at noon on that day in England. */
  private String verifiedOn(LocalDate day) {
    Instant noon = day.atTime(12, 0).atZone(ENGLAND).toInstant();
    String id = record("ACCESS", noon.minus(1, ChronoUnit.HOURS)).path("id");
    verify(id, noon).then().statusCode(200);
    return id;
  }

  private Response verify(String id, Instant at) {
    Map<String, Object> body = new HashMap<>(Map.of("method", "Called back on the number held by the GP"));
    if (at != null) {
      body.put("verifiedAt", at.toString());
    }
    return api.as(Personas.IG_OFFICER).header("If-Match", etag(id)).contentType(ContentType.JSON).body(body)
        .when().post("/rights-requests/" + id + "/identity-verification");
  }

  private Response extend(String id, int months) {
    return api.as(Personas.IG_OFFICER).header("If-Match", etag(id)).contentType(ContentType.JSON)
        .body(Map.of("months", months, "reason", "Several plans and many access records to collect"))
        .when().post("/rights-requests/" + id + "/extension");
  }

  private String etag(String id) {
    return api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + id).then().statusCode(200)
        .extract().header("ETag");
  }

  private static int overdueInHealth() {
    return io.restassured.RestAssured.given().basePath("/").get("/q/health/group/information-governance").then().statusCode(200)
        .extract().path("checks[0].data.overdue");
  }

  /** The case's deadline of that kind in the IG team's list of what falls due within a year, or an empty map. */
  private Map<String, Object> deadline(String id, String kind) {
    List<Map<String, Object>> deadlines = api.as(Personas.IG_OFFICER).queryParam("withinHours", 8784)
        .when().get("/information-governance/deadlines").then().statusCode(200).extract().path("items");
    return deadlines.stream().filter(d -> id.equals(d.get("caseId")) && kind.equals(d.get("kind"))).findFirst()
        .orElse(Map.of());
  }
}
