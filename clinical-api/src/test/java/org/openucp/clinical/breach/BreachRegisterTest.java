package org.openucp.clinical.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.MovableClock;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * The operator's breach register through the API, with real tokens and the real database: the ICO clock runs from
 * awareness until a decision is recorded and shows in the information governance team's deadlines; decisions need
 * their reasons; the audit trail finds the patients a user's accesses touched; patients at high risk get a
 * plain-language notice; only the operator's information governance team gets in.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class BreachRegisterTest {

  private static final Persona IG = Personas.IG_OFFICER;
  private static final Duration SEVENTY_TWO_HOURS = Duration.ofHours(72);
  /** The information governance job role, but at a GP practice rather than the operator. */
  private static final Persona IG_ROLE_ELSEWHERE = Persona.staff("ig-elsewhere",
      "Information governance at a practice", "Ivy Elsewhere", "555000000099", "R8006",
      "\"Admin\":\"Management\":\"Information Governance\"", Personas.DEMO_PRACTICE, "AAL3_ANY");

  /** How a notice writes a day: in words, in UK time. */
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  MovableClock clock;

  private ClinicalApi api;
  private ClinicalTables tables;

  @AfterEach
  void backToTheRealTime() {
    clock.reset();
  }

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldStartTheRegulatorClockWhenTheOperatorBecameAware() {
    Instant occurred = now().minus(Duration.ofDays(10));
    Instant aware = now().minus(Duration.ofHours(2));

    Response recorded = record(facts(aware).with("occurredAt", occurred));

    recorded.then().statusCode(201).contentType(ContentType.JSON)
        .header("ETag", notNullValue())
        .body("regulator.status", equalTo("AWAITING_DECISION"))
        .body("regulator.clockRunning", equalTo(true))
        .body("regulator.overdue", equalTo(false))
        .body("recordedBy", equalTo(IG.subject()));
    String id = recorded.path("id");
    assertThat(recorded.header("Location")).endsWith("/breaches/" + id);
    assertThat(instant(recorded, "occurredAt")).isEqualTo(occurred);
    assertThat(instant(recorded, "awareAt")).isEqualTo(aware);
    assertThat(instant(recorded, "regulator.dueAt")).isEqualTo(aware.plus(SEVENTY_TWO_HOURS));
    // Due in 70 hours: not yet among the next 48 hours' deadlines, among the next 72 hours'.
    assertThat(deadline(id, 48)).isNull();
    Map<String, Object> deadline = deadline(id, 72);
    assertThat(deadline).containsEntry("kind", "breach.regulator").containsEntry("overdue", false);
    assertThat(Instant.parse((String) deadline.get("dueAt"))).isEqualTo(aware.plus(SEVENTY_TWO_HOURS));
  }

  @Test
  void shouldRefuseTimesThatCannotBeNamingTheFieldAndWriteNothing() {
    Facts facts = facts(now().minus(Duration.ofHours(1)));

    record(facts.without("awareAt")).then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", contains("awareAt"));
    record(facts.with("awareAt", now().plus(Duration.ofHours(1)))).then().statusCode(422)
        .contentType("application/problem+json").body("errors.field", contains("awareAt"));
    record(facts.with("awareAt", now().minus(Duration.ofHours(1))).with("occurredAt", now()))
        .then().statusCode(422).contentType("application/problem+json").body("errors.field", contains("occurredAt"));
    record(facts.with("occurredAt", null).with("category", "LEAKY")).then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", contains("category"));
    record(facts.with("category", "CONFIDENTIALITY").with("whatHappened", " ")).then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", contains("whatHappened"));

    assertThat(tables.count("SELECT count(*) FROM breach WHERE what_happened = ?", facts.whatHappened())).isZero();
  }

  @Test
  void shouldListABreachOverdueOnceSeventyTwoHoursFromAwarenessHavePassed() {
    Instant aware = now();
    String id = recorded(facts(aware));
    assertThat(deadline(id, 72)).containsEntry("overdue", false);

    clock.advance(Duration.ofHours(71).plusMinutes(59));
    assertThat(deadline(id, 48)).containsEntry("overdue", false);
    read(id).then().statusCode(200).body("regulator.overdue", equalTo(false));

    clock.advance(Duration.ofMinutes(2));
    assertThat(deadline(id, 48)).containsEntry("overdue", true);
    read(id).then().statusCode(200).body("regulator.overdue", equalTo(true));
  }

  @Test
  void shouldListABreachPastSeventyTwoHoursAsOverdueUntilTheDecisionIsRecorded() {
    Instant aware = now().minus(Duration.ofHours(73));
    String id = recorded(facts(aware));

    Map<String, Object> deadline = deadline(id, 48);
    assertThat(deadline).containsEntry("kind", "breach.regulator").containsEntry("overdue", true);
    assertThat(Instant.parse((String) deadline.get("dueAt"))).isEqualTo(aware.plus(SEVENTY_TWO_HOURS));
    assertThat((String) deadline.get("summary")).startsWith("Decide whether to notify the ICO");
    read(id).then().statusCode(200).body("regulator.overdue", equalTo(true))
        .body("regulator.status", equalTo("AWAITING_DECISION"));
    api.as(IG).queryParam("size", 500).when().get("/breaches").then().statusCode(200)
        .body("items.find { it.id == '" + id + "' }.regulatorOverdue", equalTo(true));

    decide(id, Map.of("notify", false, "reason", "The laptop was encrypted and the key was not with it:"
        + " unlikely to result in a risk to patients")).then().statusCode(200)
        .body("regulator.status", equalTo("NOT_NOTIFIED"))
        .body("regulator.clockRunning", equalTo(false))
        .body("regulator.overdue", equalTo(false));

    assertThat(deadline(id, 48)).isNull();
    api.as(IG).queryParam("size", 500).when().get("/breaches").then().statusCode(200)
        .body("items.find { it.id == '" + id + "' }.regulatorStatus", equalTo("NOT_NOTIFIED"))
        .body("items.find { it.id == '" + id + "' }.regulatorOverdue", equalTo(false));
  }

  @Test
  void shouldListTheNewestBreachFirst() {
    String older = recorded(facts(now().minus(Duration.ofHours(5))));
    String newer = recorded(facts(now().minus(Duration.ofHours(1))));

    List<String> ids = api.as(IG).queryParam("size", 500).when().get("/breaches").then().statusCode(200)
        .body("items.affectedPatientCount", not(hasItem(nullValue()))).extract().path("items.id");

    assertThat(ids).containsSubsequence(newer, older);
  }

  @Test
  void shouldRequireAReasonForNotNotifying() {
    String id = recorded(facts(now().minus(Duration.ofHours(1))));

    decide(id, Map.of("notify", false)).then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", contains("reason"));
    decide(id, Map.of("notify", false, "reason", "  ")).then().statusCode(400)
        .body("errors.field", contains("reason"));
    decide(id, Map.of("reason", "Unlikely to result in a risk")).then().statusCode(400)
        .body("errors.field", contains("notify"));
    decide(id, Map.of("notify", false, "reason", "Unlikely", "notifiedAt", now().toString())).then().statusCode(422)
        .body("errors.field", contains("notifiedAt"));

    read(id).then().statusCode(200).body("regulator.status", equalTo("AWAITING_DECISION"))
        .body("regulatorDecisions", empty());
    assertThat(tables.count("SELECT count(*) FROM breach_regulator_decision WHERE breach_id = ?",
        UUID.fromString(id))).isZero();

    decide(id, Map.of("notify", false, "reason", "One letter to the wrong practice, returned unopened"))
        .then().statusCode(200)
        .body("regulator.status", equalTo("NOT_NOTIFIED"))
        .body("regulator.reason", equalTo("One letter to the wrong practice, returned unopened"))
        .body("regulator.decidedBy", equalTo(IG.subject()))
        .body("regulatorDecisions", hasSize(1))
        .body("regulatorDecisions[0].notify", equalTo(false));
  }

  @Test
  void shouldRequireADelayReasonWhenNotifiedLate() {
    Instant aware = now().minus(Duration.ofHours(100));
    String id = recorded(facts(aware));
    Instant notified = now().minus(Duration.ofHours(1));
    String reason = "Patients' plans were read by someone without a reason to";

    decide(id, Map.of("notify", true, "reason", reason, "notifiedAt", notified.toString()))
        .then().statusCode(422).contentType("application/problem+json")
        .body("errors.field", contains("delayReason"));
    read(id).then().body("regulator.status", equalTo("AWAITING_DECISION")).body("regulatorDecisions", empty());

    // Deciding to notify does not stop the clock: notifying does.
    decide(id, Map.of("notify", true, "reason", reason)).then().statusCode(200)
        .body("regulator.status", equalTo("TO_BE_NOTIFIED"))
        .body("regulator.clockRunning", equalTo(true))
        .body("regulator.overdue", equalTo(true));
    assertThat((String) deadline(id, 48).get("summary")).startsWith("Notify the ICO");

    decide(id, Map.of("notify", true, "reason", reason, "notifiedAt", notified.toString(),
        "delayReason", "The supplier's access logs, which showed how far it went, came on day four",
        "reference", "IC-000001-DEMO")).then().statusCode(200)
        .body("regulator.status", equalTo("NOTIFIED"))
        .body("regulator.notifiedLate", equalTo(true))
        .body("regulator.delayReason", equalTo("The supplier's access logs, which showed how far it went, came on"
            + " day four"))
        .body("regulator.reference", equalTo("IC-000001-DEMO"))
        .body("regulatorDecisions", hasSize(2));
    assertThat(deadline(id, 48)).isNull();

    decide(id, Map.of("notify", false, "reason", "Changed our minds")).then().statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void shouldTakeANotificationWithinSeventyTwoHoursWithoutADelayReason() {
    Instant aware = now().minus(Duration.ofHours(30));
    String id = recorded(facts(aware));

    decide(id, Map.of("notify", true, "reason", "A risk to patients' confidentiality",
        "notifiedAt", aware.plus(Duration.ofHours(20)).toString())).then().statusCode(200)
        .body("regulator.status", equalTo("NOTIFIED"))
        .body("regulator.notifiedLate", equalTo(false))
        .body("regulator.delayReason", nullValue());
    decide(recorded(facts(aware)), Map.of("notify", true, "reason", "A risk",
        "notifiedAt", aware.minus(Duration.ofHours(1)).toString())).then().statusCode(422)
        .body("errors.field", contains("notifiedAt"));
  }

  @Test
  void shouldAttachThePatientsAUserReadFromTheAuditTrail() {
    String readTwice = api.publishedPlan(aPlan());
    String readOnce = api.publishedPlan(aPlan());
    String refused = api.publishedPlan(aPlan());
    String notRead = api.publishedPlan(aPlan());
    Instant from = Instant.now().minusMillis(1);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + readTwice + "/published").then().statusCode(200);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + readTwice + "/published").then().statusCode(200);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + readOnce + "/published").then().statusCode(200);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + refused + "/draft").then().statusCode(403);
    String id = recorded(facts(now().minus(Duration.ofMinutes(10))));

    fromAudit(id, Map.of("userId", Personas.PARAMEDIC.subject(), "from", from.toString())).then().statusCode(200)
        .body("affectedPatients.nhsNumber", containsInAnyOrder(readTwice, readOnce))
        .body("affectedPatientCount", equalTo(2))
        .body("affectedRecordCount", equalTo(3))
        .body("affectedPatients.find { it.nhsNumber == '" + readTwice + "' }.records", equalTo(2))
        .body("affectedPatients.find { it.nhsNumber == '" + readTwice + "' }.source", equalTo("AUDIT"))
        .body("auditSearches", hasSize(1))
        .body("auditSearches[0].userId", equalTo(Personas.PARAMEDIC.subject()))
        .body("auditSearches[0].patientsFound", equalTo(2))
        .body("auditSearches[0].recordsFound", equalTo(3));
    // Searching again attaches nothing twice.
    fromAudit(id, Map.of("userId", Personas.PARAMEDIC.subject(), "from", from.toString(), "action", "plan.read"))
        .then().statusCode(200).body("affectedPatientCount", equalTo(2)).body("affectedRecordCount", equalTo(3))
        .body("auditSearches", hasSize(2));

    read(id).then().statusCode(200).body("affectedPatients.nhsNumber", not(hasItem(notRead)));

    // Reading the breach showed its patients: each one's trail says so.
    for (String patient : List.of(readTwice, readOnce)) {
      assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'breach.read'"
          + " AND actor_id = ?", patient, IG.subject())).as(patient).isEqualTo(1);
    }
    // Looking at the register is not part of a breach: the IG team's own reads are never attached.
    fromAudit(id, Map.of("userId", IG.subject(), "from", from.toString())).then().statusCode(200)
        .body("auditSearches[2].patientsFound", equalTo(0));
  }

  @Test
  void shouldRefuseAnAuditSearchWithoutWhoseAccessesItWas() {
    String id = recorded(facts(now().minus(Duration.ofMinutes(10))));

    fromAudit(id, Map.of("from", now().minus(Duration.ofDays(1)).toString())).then().statusCode(422)
        .contentType("application/problem+json").body("errors.field", containsInAnyOrder("organisation", "userId"));
    fromAudit(id, Map.of("organisation", Personas.DEMO_AMBULANCE_TRUST)).then().statusCode(400)
        .body("errors.field", contains("from"));
    fromAudit(id, Map.of("organisation", Personas.DEMO_AMBULANCE_TRUST, "from", now().toString(),
        "to", now().minus(Duration.ofHours(1)).toString())).then().statusCode(422)
        .body("errors.field", contains("to"));

    read(id).then().body("auditSearches", empty()).body("affectedPatients", empty());
  }

  @Test
  void shouldAddAndRemovePatientsByHand() {
    String id = recorded(facts(now().minus(Duration.ofMinutes(10))));
    String first = NhsNumbers.fresh();
    String second = NhsNumbers.fresh();

    addPatients(id, List.of(first, "1234567890")).then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", contains("nhsNumbers[1]"));
    read(id).then().body("affectedPatients", empty());

    addPatients(id, List.of(first, second, first)).then().statusCode(200)
        .body("affectedPatients.nhsNumber", containsInAnyOrder(first, second))
        .body("affectedPatients.source", contains("MANUAL", "MANUAL"));
    addPatients(id, List.of(second)).then().statusCode(200).body("affectedPatientCount", equalTo(2));

    api.as(IG).when().delete("/breaches/" + id + "/affected-patients/" + second).then().statusCode(204);
    api.as(IG).when().delete("/breaches/" + id + "/affected-patients/" + second).then().statusCode(404);
    read(id).then().body("affectedPatients.nhsNumber", contains(first));
  }

  @Test
  void shouldRecordTheCareProvidersLiaisedWithFirst() {
    String id = recorded(facts(now().minus(Duration.ofHours(3))));
    Instant liaised = now().minus(Duration.ofHours(2));

    liaise(id, Map.of("organisation", "a83008", "liaisedAt", liaised.toString(),
        "contact", "Practice manager, Demo Medical Practice", "notes", "Agreed who tells the patients"))
        .then().statusCode(200)
        .body("liaisons", hasSize(1))
        .body("liaisons[0].organisation", equalTo(Personas.DEMO_PRACTICE))
        .body("liaisons[0].contact", equalTo("Practice manager, Demo Medical Practice"))
        .body("liaisons[0].recordedBy", equalTo(IG.subject()));
    liaise(id, Map.of("organisation", "x", "liaisedAt", liaised.toString(), "contact", "Someone"))
        .then().statusCode(400).body("errors.field", contains("organisation"));
    liaise(id, Map.of("organisation", Personas.DEMO_AMBULANCE_TRUST, "liaisedAt", now().plus(Duration.ofHours(1))
        .toString(), "contact", "Duty manager")).then().statusCode(422).body("errors.field", contains("liaisedAt"));

    read(id).then().body("liaisons.organisation", contains(Personas.DEMO_PRACTICE));
  }

  @Test
  void shouldGenerateAPlainLanguageNoticeForHighRiskBreaches() {
    Instant occurred = now().minus(Duration.ofDays(5));
    Instant aware = now().minus(Duration.ofDays(3));
    String id = recorded(facts(aware)
        .with("occurredAt", occurred)
        .with("whatHappened", "A member of staff at a care provider looked at urgent care plans without a reason.")
        .with("likelyConsequences", "Someone who knows you may have seen details of your health and care wishes.")
        .with("measuresTaken", "We stopped their access the same day and are checking everything they looked at."));
    String patient = NhsNumbers.fresh();
    addPatients(id, List.of(patient)).then().statusCode(200);

    Response notice = patientNotice(id, Map.of("highRisk", true,
        "whatPatientsCanDo", "You do not need to do anything. If someone contacts you about your care, tell us.",
        "contactPoint", "our Data Protection Officer at dpo@openucp.example or 0300 000 0000"));

    notice.then().statusCode(200).header("ETag", notNullValue())
        .body("highRisk", equalTo(true))
        .body("audience", equalTo("AFFECTED_PATIENTS"))
        .body("exemption", nullValue())
        .body("assessedBy", equalTo(IG.subject()));
    String text = notice.path("text");
    assertThat(text)
        .contains("What happened\nA member of staff at a care provider looked at urgent care plans without a reason.")
        .contains("This happened on " + DAY.format(occurred) + ". We found out about it on " + DAY.format(aware)
            + ".")
        .contains("What this could mean for you\nSomeone who knows you may have seen details of your health")
        .contains("What we have done about it\nWe stopped their access the same day")
        .contains("What you can do\nYou do not need to do anything. If someone contacts you about your care, tell us.")
        .contains("please contact our Data Protection Officer at dpo@openucp.example or 0300 000 0000")
        .contains("Information Commissioner's Office (ICO)")
        .doesNotContain(patient)
        .doesNotContain("Art ").doesNotContain("GDPR").doesNotContain("data subject");
    read(id).then().statusCode(200).body("patientNotice.text", equalTo(text))
        .body("patientNotice.highRisk", equalTo(true));
  }

  @Test
  void shouldRecordWhyPatientsAreNotToldAndWriteNoNoticeWithoutTheFactsItNeeds() {
    String bare = recorded(facts(now().minus(Duration.ofHours(1))).with("likelyConsequences", null)
        .with("measuresTaken", null));

    patientNotice(bare, Map.of("highRisk", true, "contactPoint", "dpo@openucp.example")).then().statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("likelyConsequences", "measuresTaken"));
    patientNotice(bare, Map.of("highRisk", false)).then().statusCode(422).body("errors.field", contains("reason"));
    patientNotice(bare, Map.of("highRisk", false, "exemption", "UNINTELLIGIBLE", "reason", "Encrypted"))
        .then().statusCode(422).body("errors.field", contains("exemption"));
    read(bare).then().body("patientNotice", nullValue());

    patientNotice(bare, Map.of("highRisk", true, "exemption", "UNINTELLIGIBLE",
        "reason", "The laptop's disk was encrypted and the key was not with it")).then().statusCode(200)
        .body("exemption", equalTo("UNINTELLIGIBLE")).body("text", nullValue()).body("audience", nullValue());
    patientNotice(bare, Map.of("highRisk", false, "reason", "Only the NHS number was shown, to a clinician"))
        .then().statusCode(200).body("highRisk", equalTo(false)).body("text", nullValue());
  }

  @Test
  void shouldDetectConcurrentEdits() {
    String id = recorded(facts(now().minus(Duration.ofHours(1))));
    String read = read(id).then().statusCode(200).extract().header("ETag");

    Response saved = update(id, read, facts(now().minus(Duration.ofHours(1))).with("measuresTaken", "Access revoked"));
    saved.then().statusCode(200).body("measuresTaken", equalTo("Access revoked"));
    String current = saved.header("ETag");
    assertThat(current).isNotEqualTo(read);

    update(id, read, facts(now().minus(Duration.ofHours(1))).with("measuresTaken", "Stale edit"))
        .then().statusCode(412).contentType("application/problem+json");
    update(id, null, facts(now().minus(Duration.ofHours(1))).with("measuresTaken", "Blind edit"))
        .then().statusCode(428).contentType("application/problem+json");
    read(id).then().header("ETag", equalTo(current)).body("measuresTaken", equalTo("Access revoked"));

    // Every change moves the revision on, and a change that sends a stale one is refused too.
    String afterLiaison = liaise(id, Map.of("organisation", Personas.DEMO_PRACTICE, "liaisedAt",
        now().toString(), "contact", "Practice manager")).then().statusCode(200).extract().header("ETag");
    assertThat(afterLiaison).isNotEqualTo(current);
    update(id, current, facts(now().minus(Duration.ofHours(1)))).then().statusCode(412);
    api.as(IG).header("If-Match", current).contentType(ContentType.JSON)
        .body(Map.of("notify", false, "reason", "Unlikely to result in a risk"))
        .when().post("/breaches/" + id + "/regulator-decision").then().statusCode(412);
    read(id).then().body("regulator.status", equalTo("AWAITING_DECISION"));
  }

  @Test
  void shouldRefuseEveryoneButInformationGovernance() {
    String id = recorded(facts(now().minus(Duration.ofHours(1))));
    String etag = read(id).then().statusCode(200).extract().header("ETag");
    String patient = NhsNumbers.fresh();
    Facts facts = facts(now().minus(Duration.ofHours(1)));
    List<Function<Persona, Response>> operations = List.of(
        who -> api.as(who).contentType(ContentType.JSON).body(facts.body()).when().post("/breaches"),
        who -> api.as(who).when().get("/breaches"),
        who -> api.as(who).when().get("/breaches/" + id),
        who -> api.as(who).header("If-Match", etag).contentType(ContentType.JSON).body(facts.body())
            .when().put("/breaches/" + id),
        who -> api.as(who).contentType(ContentType.JSON)
            .body(Map.of("userId", Personas.GP.subject(), "from", now().minus(Duration.ofDays(1)).toString()))
            .when().post("/breaches/" + id + "/affected-patients/from-audit"),
        who -> api.as(who).contentType(ContentType.JSON).body(Map.of("nhsNumbers", List.of(patient)))
            .when().post("/breaches/" + id + "/affected-patients"),
        who -> api.as(who).when().delete("/breaches/" + id + "/affected-patients/" + patient),
        who -> api.as(who).contentType(ContentType.JSON).body(Map.of("notify", false, "reason", "Not a risk"))
            .when().post("/breaches/" + id + "/regulator-decision"),
        who -> api.as(who).contentType(ContentType.JSON).body(Map.of("organisation", Personas.DEMO_PRACTICE,
            "liaisedAt", now().toString(), "contact", "Practice manager")).when().post("/breaches/" + id + "/liaisons"),
        who -> api.as(who).contentType(ContentType.JSON).body(Map.of("highRisk", false, "reason", "Not high"))
            .when().post("/breaches/" + id + "/patient-notice"),
        who -> api.as(who).contentType(ContentType.JSON).body(Map.of("serious", true, "reason", "Serious"))
            .when().post("/breaches/" + id + "/seriousness"),
        who -> api.as(who).queryParam("withinHours", 48).when().get("/information-governance/deadlines"));

    for (Persona who : List.of(Personas.GP, Personas.PLATFORM_ADMIN, IG_ROLE_ELSEWHERE, Personas.PARAMEDIC)) {
      for (int operation = 0; operation < operations.size(); operation++) {
        Response response = operations.get(operation).apply(who);
        assertThat(response.statusCode()).as(who.id() + " operation " + operation + ": " + response.asString())
            .isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    }

    read(id).then().statusCode(200).header("ETag", equalTo(etag))
        .body("affectedPatients", empty()).body("regulatorDecisions", empty()).body("liaisons", empty())
        .body("patientNotice", nullValue());
    assertThat(tables.count("SELECT count(*) FROM breach WHERE recorded_by <> ?", IG.subject())).isZero();
  }

  @Test
  void shouldKeepABreachMarkedSeriousOrNotifiedToTheIcoTwentyYearsFromTheIncident() {
    Instant occurred = now().minus(Duration.ofDays(3));
    String id = recorded(facts(now().minus(Duration.ofHours(2))).with("occurredAt", occurred));
    String occurredOn = occurred.atZone(ZoneId.of("Europe/London")).toLocalDate().toString();
    read(id).then().statusCode(200).body("seriousIncident.serious", equalTo(false))
        .body("retention.recordClass", equalTo("INCIDENT"))
        .body("retention.minimumEndsOn", equalTo(plusYears(occurredOn, 10)));

    seriousness(id, Map.of("serious", true)).then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", contains("reason"));
    String etag = read(id).then().extract().header("ETag");
    api.as(IG).header("If-Match", "\"99\"").contentType(ContentType.JSON)
        .body(Map.of("serious", true, "reason", "Many patients' wishes seen")).when()
        .post("/breaches/" + id + "/seriousness").then().statusCode(412);
    Response marked = api.as(IG).header("If-Match", etag).contentType(ContentType.JSON)
        .body(Map.of("serious", true, "reason", "Many patients' wishes seen")).when()
        .post("/breaches/" + id + "/seriousness");

    marked.then().statusCode(200)
        .body("seriousIncident.serious", equalTo(true))
        .body("seriousIncident.reason", equalTo("Many patients' wishes seen"))
        .body("seriousIncident.decidedBy", equalTo(IG.subject()))
        .body("retention.recordClass", equalTo("SERIOUS_INCIDENT"))
        .body("retention.minimumEndsOn", equalTo(plusYears(occurredOn, 20)));
    assertThat(marked.header("ETag")).isNotEqualTo(etag);
    api.as(IG).when().get("/breaches").then().body("items.find { it.id == '" + id + "' }.seriousIncident", equalTo(true));

    seriousness(id, Map.of("serious", false, "reason", "Fewer patients than first thought")).then().statusCode(200)
        .body("retention.recordClass", equalTo("INCIDENT"));
    decide(id, Map.of("notify", true, "reason", "A risk to patients")).then().statusCode(200);
    read(id).then().body("seriousIncident.serious", equalTo(false))
        .body("retention.recordClass", equalTo("SERIOUS_INCIDENT"))
        .body("retention.basis", containsString("ICO"));
  }

  @Test
  void shouldAnswer404ForABreachThatDoesNotExist() {
    api.as(IG).when().get("/breaches/" + UUID.randomUUID()).then().statusCode(404)
        .contentType("application/problem+json");
    api.as(IG).when().get("/breaches/not-a-uuid").then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", contains("id"));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Instant instant(Response response, String path) {
    return Instant.parse(response.path(path));
  }

  /** A breach's facts as the IG team's browser sends them; each test's text is its own. */
  private static Facts facts(Instant awareAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("whatHappened", "A letter about a patient went to the wrong address " + UUID.randomUUID());
    body.put("category", "CONFIDENTIALITY");
    body.put("awareAt", awareAt.toString());
    body.put("likelyConsequences", "Someone may have read about the patient's care wishes.");
    body.put("measuresTaken", "The letter was recovered.");
    return new Facts(body);
  }

  /** A request body to vary field by field; each change gives a new one. */
  private record Facts(Map<String, Object> body) {

    Facts with(String field, Object value) {
      Map<String, Object> changed = new LinkedHashMap<>(body);
      changed.put(field, value instanceof Instant at ? at.toString() : value);
      return new Facts(changed);
    }

    Facts without(String field) {
      Map<String, Object> changed = new LinkedHashMap<>(body);
      changed.remove(field);
      return new Facts(changed);
    }

    String whatHappened() {
      return (String) body.get("whatHappened");
    }
  }

  private Response record(Facts facts) {
    return api.as(IG).contentType(ContentType.JSON).body(facts.body()).when().post("/breaches");
  }

  private String recorded(Facts facts) {
    return record(facts).then().statusCode(201).extract().path("id");
  }

  private Response read(String id) {
    return api.as(IG).when().get("/breaches/" + id);
  }

  private Response update(String id, String etag, Facts facts) {
    var request = api.as(IG).contentType(ContentType.JSON).body(facts.body());
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.when().put("/breaches/" + id);
  }

  private Response decide(String id, Map<String, Object> decision) {
    return api.as(IG).contentType(ContentType.JSON).body(decision)
        .when().post("/breaches/" + id + "/regulator-decision");
  }

  private Response fromAudit(String id, Map<String, Object> filter) {
    return api.as(IG).contentType(ContentType.JSON).body(filter)
        .when().post("/breaches/" + id + "/affected-patients/from-audit");
  }

  private Response addPatients(String id, List<String> nhsNumbers) {
    return api.as(IG).contentType(ContentType.JSON).body(Map.of("nhsNumbers", nhsNumbers))
        .when().post("/breaches/" + id + "/affected-patients");
  }

  private Response seriousness(String id, Map<String, Object> seriousness) {
    return api.as(IG).contentType(ContentType.JSON).body(seriousness).when().post("/breaches/" + id + "/seriousness");
  }

  private static String plusYears(String day, int years) {
    return LocalDate.parse(day).plusYears(years).toString();
  }

  private Response liaise(String id, Map<String, Object> liaison) {
    return api.as(IG).contentType(ContentType.JSON).body(liaison).when().post("/breaches/" + id + "/liaisons");
  }

  private Response patientNotice(String id, Map<String, Object> assessment) {
    return api.as(IG).contentType(ContentType.JSON).body(assessment)
        .when().post("/breaches/" + id + "/patient-notice");
  }

  /** The breach's entry in the IG team's list of deadlines within the hours given, or null when not listed. */
  private Map<String, Object> deadline(String id, int withinHours) {
    List<Map<String, Object>> deadlines = api.as(IG).queryParam("withinHours", withinHours)
        .when().get("/information-governance/deadlines").then().statusCode(200).extract().path("items");
    return deadlines.stream().filter(found -> id.equals(found.get("caseId"))).findFirst().orElse(null);
  }
}
