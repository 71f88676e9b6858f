package org.openucp.clinical.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Issue 15: an organisation's Data Security and Protection Toolkit status and its staff's training keep them out when
 * they fall short or lapse; rosters come and go as CSV that spreadsheets write and open safely; organisations hold
 * an incident contact. Each test works on a practice of its own, so that the demo organisations stay as they are.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class OrganisationGovernanceTest {

  private static final String BOM = "\uFEFF";
  /** The defaults: a toolkit assessment counts for 12 months plus 3 of grace, training for a year. */
  private static final int DSPT_MONTHS = 15;

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private String ods;
  private Persona gp;
  private LocalDate today;

  @BeforeEach
  void aNewPractice() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    ods = "G" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    String uid = "5552" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    gp = Persona.staff("gp-" + ods, "GP at a new practice", "Dr New", uid, "R0260", "GP", ods, "AAL3_ANY");
    today = LocalDate.now();
  }

  // --- Data Security and Protection Toolkit ---

  @Test
  void shouldRefuseStaffOfAnOrganisationWhoseToolkitStandardsAreNotMet() {
    onboardWithGp();
    readAPlan().statusCode(404);

    for (String[] status : new String[][] {{"APPROACHING_STANDARDS", "Approaching Standards"},
        {"STANDARDS_NOT_MET", "Standards Not Met"}, {"NOT_PUBLISHED", "Not Published"}}) {
      dspt(status[0], today.minusMonths(1)).statusCode(200).body("dsptInForce", equalTo(false))
          .body("staffRefusedBecause", containsString(status[1]));
      readAPlan().statusCode(403).contentType("application/problem+json")
          .body("type", equalTo("https://openucp.org/problems/data-security-standards-not-met"))
          .body("detail", equalTo("Your organisation " + ods + " has the Data Security and Protection Toolkit"
              + " status \"" + status[1] + "\" (published " + today.minusMonths(1) + "): \"Standards Met\" or"
              + " \"Standards Exceeded\" is needed"));
    }

    dspt("STANDARDS_EXCEEDED", today.minusMonths(1)).statusCode(200).body("dsptInForce", equalTo(true))
        .body("staffRefusedBecause", nullValue());
    readAPlan().statusCode(404);
  }

  @Test
  void shouldNotSendPatientsSubmissionsToAPracticeWhoseToolkitStandardsAreNotMet() {
    register(null);
    agreement();
    dspt("STANDARDS_NOT_MET", today.minusMonths(1)).statusCode(200);

    api.as(Personas.PORTAL_SERVICE).when().get("/intake/recipients")
        .then().statusCode(200).body("items.odsCode", not(hasItem(ods)));
    api.deliverAttempt(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()).with("organisation", ods))
        .then().statusCode(422).body("type", equalTo("https://openucp.org/problems/not-a-recipient"));

    dspt("STANDARDS_MET", today.minusMonths(1)).statusCode(200);
    api.as(Personas.PORTAL_SERVICE).when().get("/intake/recipients")
        .then().statusCode(200).body("items.odsCode", hasItem(ods));
  }

  @Test
  void shouldRefuseStaffOfAnOrganisationWithNoToolkitStatusRecorded() {
    register(null);
    agreement();
    roster(List.of(member(gp.subject(), "Dr New", today.minusMonths(1))));

    readAPlan().statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/data-security-standards-not-met"))
        .body("detail", equalTo("Your organisation " + ods
            + " has no Data Security and Protection Toolkit status recorded"));
    organisation().body("dsptStatus", nullValue()).body("dsptInForce", equalTo(false))
        .body("staffRefusedBecause", equalTo("has no Data Security and Protection Toolkit status recorded"));
  }

  @Test
  void shouldRefuseStaffWhenTheToolkitAssessmentHasLapsed() {
    onboardWithGp();
    LocalDate lastDayInForce = today.minusMonths(DSPT_MONTHS).plusDays(1);

    dspt("STANDARDS_MET", lastDayInForce).statusCode(200).body("dsptInForce", equalTo(true))
        .body("dsptLapsesOn", equalTo(today.plusDays(1).toString()));
    readAPlan().statusCode(404);

    LocalDate lapsedPublication = today.minusMonths(DSPT_MONTHS);
    dspt("STANDARDS_MET", lapsedPublication).statusCode(200).body("dsptInForce", equalTo(false))
        .body("dsptLapsesOn", equalTo(today.toString()));
    readAPlan().statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/data-security-standards-not-met"))
        .body("detail", equalTo("Your organisation " + ods + " has a Data Security and Protection Toolkit"
            + " assessment published on " + lapsedPublication + " that lapsed on " + today
            + ": a newer assessment must be recorded"));
  }

  @Test
  void shouldRecordAToolkitStatusOnlyWithItsPublicationDate() {
    register(null);

    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(Map.of("status", "STANDARDS_MET"))
        .when().put("/organisations/" + ods + "/dspt")
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("publishedOn"));
    dspt("STANDARDS_MET", today.plusDays(3)).statusCode(400).body("errors[0].message", containsString("future"));
    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(Map.of("status", "SORT_OF_MET",
            "publishedOn", today.toString()))
        .when().put("/organisations/" + ods + "/dspt")
        .then().statusCode(400).body("errors[0].field", equalTo("status"));
    organisation().body("dsptStatus", nullValue());

    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(Map.of("status", "NOT_PUBLISHED"))
        .when().put("/organisations/" + ods + "/dspt")
        .then().statusCode(200).body("dsptStatus", equalTo("NOT_PUBLISHED")).body("dsptInForce", equalTo(false));
  }

  @Test
  void shouldLetOnlyAdministratorsRecordTheToolkitStatus() {
    onboardWithGp();

    api.as(gp).contentType(ContentType.JSON).body(Map.of("status", "STANDARDS_EXCEEDED",
            "publishedOn", today.toString()))
        .when().put("/organisations/" + ods + "/dspt")
        .then().statusCode(403).body("type", containsString("permission-denied"));
    organisation().body("dsptStatus", equalTo("STANDARDS_MET"));
  }

  @Test
  void shouldNotAskTheOperatorsAdministratorsForAToolkitStatus() {
    // The operator's organisation is not registered at all: its administrators need no onboarding.
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + Personas.OPERATOR_ORGANISATION)
        .then().statusCode(404);
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations").then().statusCode(200);
  }

  // --- Training ---

  @Test
  void shouldRefuseStaffWhoseTrainingHasLapsed() {
    onboardWithGp();
    LocalDate lapsedTraining = today.minusYears(1);

    roster(List.of(member(gp.subject(), "Dr New", lapsedTraining))).body("items[0].trainingCurrent", equalTo(false))
        .body("items[0].trainingLapsesOn", equalTo(today.toString()));
    readAPlan().statusCode(403).contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/training-not-completed"))
        .body("detail", equalTo("Your training for this service, completed on " + lapsedTraining + ", lapsed on "
            + today + ": complete it again and ask your organisation to record it on its roster"));

    roster(List.of(member(gp.subject(), "Dr New", lapsedTraining.plusDays(1))))
        .body("items[0].trainingCurrent", equalTo(true));
    readAPlan().statusCode(404);
  }

  @Test
  void shouldKeepEachMembersEmailJobTitleAndCourse() {
    onboardWithGp();
    Map<String, Object> member = member(gp.subject(), "Dr New", today.minusMonths(2));
    member.put("email", "dr.new@practice.example.org");
    member.put("jobTitle", "GP partner");
    member.put("course", "Urgent care plans for clinicians");

    roster(List.of(member)).body("items", hasSize(1));

    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200).contentType(ContentType.JSON)
        .body("items[0].email", equalTo("dr.new@practice.example.org"))
        .body("items[0].jobTitle", equalTo("GP partner"))
        .body("items[0].course", equalTo("Urgent care plans for clinicians"))
        .body("items[0].trainingCompletedOn", equalTo(today.minusMonths(2).toString()))
        .body("items[0].trainingLapsesOn", equalTo(today.minusMonths(2).plusYears(1).toString()));
    member.put("email", "not an email");
    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(List.of(member))
        .when().put("/organisations/" + ods + "/roster")
        .then().statusCode(400).body("errors[0].field", equalTo("[0].email"));
  }

  // --- Roster CSV ---

  @Test
  void shouldReadAQuotedRosterWithAByteOrderMarkFromExcel() {
    onboardWithGp();
    // As Excel saves "CSV UTF-8": a byte order mark, CRLF, quotes where a value needs them, dates as the UK
    // writes them; and the "sep=" line some spreadsheets add for Excel.
    String csv = BOM + "sep=,\r\n"
        + "User ID,Name,Work email,Job role,Job title,Course,Training completed on\r\n"
        + gp.subject() + ",\"New, Dr Ané\",dr.new@practice.example.org,R0260,\"GP partner\r\nand trainer\","
        + "\"Urgent care plans, \"\"advanced\"\"\"," + formatUk(today.minusMonths(2)) + "\r\n"
        + ",,,,,,\r\n"
        + "555200000002,Sam Nurse,,R0700,,," + today.minusMonths(1) + "\r\n";

    uploadCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv").statusCode(200).body("items", hasSize(2));

    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200)
        .body("items.find { it.userId == '" + gp.subject() + "' }.name", equalTo("New, Dr Ané"))
        .body("items.find { it.userId == '" + gp.subject() + "' }.jobTitle", equalTo("GP partner\r\nand trainer"))
        .body("items.find { it.userId == '" + gp.subject() + "' }.course", equalTo("Urgent care plans, \"advanced\""))
        .body("items.find { it.userId == '" + gp.subject() + "' }.trainingCompletedOn",
            equalTo(today.minusMonths(2).toString()))
        .body("items.find { it.userId == '555200000002' }.email", nullValue());
    readAPlan().statusCode(404);
  }

  @Test
  void shouldReadARosterInTheCharsetItsContentTypeNames() {
    onboardWithGp();
    String csv = "userId,name,trainingCompletedOn\r\n" + gp.subject() + ",Dr Ané," + today.minusMonths(2) + "\r\n";

    uploadCsv(csv.getBytes(StandardCharsets.ISO_8859_1), "text/csv").statusCode(400)
        .contentType("application/problem+json").body("errors[0].field", equalTo("line 2"))
        .body("errors[0].message", containsString("UTF-8"));
    uploadCsv(csv.getBytes(StandardCharsets.ISO_8859_1), "text/csv; charset=windows-1252").statusCode(200)
        .body("items[0].name", equalTo("Dr Ané"));
  }

  @Test
  void shouldRejectARosterRowWithoutAUserIdNamingTheRow() {
    onboardWithGp();
    String csv = "userId,name,jobRole,trainingCompletedOn\r\n"
        + "555200000003,Kim Second,R0700," + today.minusMonths(1) + "\r\n"
        + ",Lee Nobody,R8008," + today.minusMonths(1) + "\r\n"
        + "555200000004,\"Alex\r\nHandler\",R1690,31/02/2026\r\n"
        + "555200000003,Kim Again,R0700,\r\n";

    uploadCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv").statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/invalid-roster"))
        .body("detail", equalTo("Nothing was changed: correct row 3, userId; row 4, trainingCompletedOn;"
            + " row 5, userId, then upload the whole roster again"))
        .body("errors.field", equalTo(List.of("row 3, userId", "row 4, trainingCompletedOn", "row 5, userId")))
        .body("errors[0].message", equalTo("must not be blank"))
        .body("errors[1].message", equalTo("\"31/02/2026\" is not a date like 2026-01-31 or 31/01/2026"))
        .body("errors[2].message", equalTo("555200000003 is listed twice: also at row 2"));

    // Nothing half-stored: the GP is still the only one on the roster, and still gets in.
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM roster_entry WHERE ods_code = ?", ods))
        .isEqualTo(1);
    readAPlan().statusCode(404);
  }

  @Test
  void shouldRejectARosterWhoseHeaderOrQuotesCannotBeRead() {
    onboardWithGp();

    uploadCsv("userid,full name,trainingCompletedOn\r\nu1,A,\r\n".getBytes(StandardCharsets.UTF_8), "text/csv")
        .statusCode(400).body("errors.field", equalTo(List.of("row 1", "row 1")))
        .body("errors[0].message", containsString("unknown column \"full name\""))
        .body("errors[1].message", containsString("must name the column name"));
    uploadCsv(("userId,name\r\nu1,\"Unclosed\r\nu2,B\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")
        .statusCode(400).body("errors[0].field", equalTo("row 2"))
        .body("errors[0].message", containsString("cannot be read as CSV"));
    readAPlan().statusCode(404);
  }

  @Test
  void shouldNeutraliseFormulaLikeValuesOnExport() throws IOException {
    onboardWithGp();
    Map<String, Object> formula = member("555200000005", "=HYPERLINK(\"http://example.org\",\"click\")",
        today.minusMonths(1));
    formula.put("jobTitle", "+44 nurse");
    formula.put("course", "-2+3");
    Map<String, Object> tab = member("555200000006", "\tTab Start", today.minusMonths(1));
    tab.put("jobTitle", "@SUM(A1)");
    tab.put("course", "\r=1+1");
    Map<String, Object> plain = member(gp.subject(), "Dr New, GP", today.minusMonths(1));
    roster(List.of(plain, formula, tab)).statusCode(200);

    // Stored and read back as given...
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + ods + "/roster").then().statusCode(200)
        .body("items.find { it.userId == '555200000005' }.name", equalTo("=HYPERLINK(\"http://example.org\",\"click\")"));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM roster_entry WHERE ods_code = ?"
        + " AND name = '=HYPERLINK(\"http://example.org\",\"click\")' AND course = '-2+3'", ods)).isEqualTo(1);

    // ...but a spreadsheet opening the export shows them as text.
    byte[] export = api.as(Personas.PLATFORM_ADMIN).accept("text/csv")
        .when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200).contentType(startsWith("text/csv"))
        .header("Content-Disposition", equalTo("attachment; filename=\"roster-" + ods + ".csv\""))
        .extract().asByteArray();
    String text = new String(export, StandardCharsets.UTF_8);
    assertThat(text).startsWith(BOM + "\"userId\",\"name\",\"email\",\"jobRole\",\"jobTitle\",\"course\","
        + "\"trainingCompletedOn\"\r\n");
    Map<String, CSVRecord> rows = new HashMap<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      parser.forEach(row -> rows.put(row.get("userId"), row));
    }
    assertThat(rows.get("555200000005").get("name")).isEqualTo("'=HYPERLINK(\"http://example.org\",\"click\")");
    assertThat(rows.get("555200000005").get("jobTitle")).isEqualTo("'+44 nurse");
    assertThat(rows.get("555200000005").get("course")).isEqualTo("'-2+3");
    assertThat(rows.get("555200000006").get("name")).isEqualTo("'\tTab Start");
    assertThat(rows.get("555200000006").get("jobTitle")).isEqualTo("'@SUM(A1)");
    assertThat(rows.get("555200000006").get("course")).isEqualTo("'\r=1+1");
    assertThat(rows.get(gp.subject()).get("name")).isEqualTo("Dr New, GP");
    assertThat(rows.get(gp.subject()).get("trainingCompletedOn")).isEqualTo(today.minusMonths(1).toString());
  }

  @Test
  void shouldServeTheRosterAsJsonUnlessCsvIsAskedFor() {
    onboardWithGp();

    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200).contentType(ContentType.JSON).body("items[0].userId", equalTo(gp.subject()));
    api.as(Personas.PLATFORM_ADMIN).accept("application/json, text/csv;q=0.5")
        .when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200).contentType(ContentType.JSON);
    api.as(Personas.PLATFORM_ADMIN).accept("text/csv, application/json;q=0.5")
        .when().get("/organisations/" + ods + "/roster")
        .then().statusCode(200).contentType(startsWith("text/csv"));
    api.as(Personas.PLATFORM_ADMIN).accept("application/xml")
        .when().get("/organisations/" + ods + "/roster")
        .then().statusCode(406);
  }

  @Test
  void shouldLetOnlyAdministratorsDownloadTheRoster() {
    onboardWithGp();

    api.as(gp).accept("text/csv").when().get("/organisations/" + ods + "/roster")
        .then().statusCode(403).contentType("application/problem+json")
        .body("type", containsString("permission-denied"));
    long audited = new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE actor_id = ?"
        + " AND action = 'organisation.roster.read' AND outcome = 'DENIED'"
        + " AND occurred_at > now() - interval '1 minute'", gp.subject());
    assertThat(audited).isPositive();
  }

  @Test
  void shouldReadBackItsOwnExport() {
    onboardWithGp();
    Map<String, Object> member = member(gp.subject(), "Doe, \"Jane\"", today.minusMonths(1));
    member.put("jobTitle", "GP\nPartner");
    roster(List.of(member)).statusCode(200);
    byte[] export = api.as(Personas.PLATFORM_ADMIN).accept("text/csv")
        .when().get("/organisations/" + ods + "/roster").then().statusCode(200).extract().asByteArray();

    uploadCsv(export, "text/csv").statusCode(200).body("items[0].name", equalTo("Doe, \"Jane\""))
        .body("items[0].jobTitle", equalTo("GP\nPartner"));
    readAPlan().statusCode(404);
  }

  // --- Incident contact ---

  @Test
  void shouldStoreAndShowTheIncidentContact() {
    Map<String, Object> contact = Map.of("name", "Ivy Governance", "email", "dpo@practice.example.org",
        "telephone", "+44 1632 960123");
    register(contact).body("incidentContact.name", equalTo("Ivy Governance"));

    organisation().body("incidentContact.name", equalTo("Ivy Governance"))
        .body("incidentContact.email", equalTo("dpo@practice.example.org"))
        .body("incidentContact.telephone", equalTo("+44 1632 960123"));
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations").then().statusCode(200)
        .body("items.find { it.odsCode == '" + ods + "' }.incidentContact.email", equalTo("dpo@practice.example.org"));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM organisation WHERE ods_code = ?"
        + " AND incident_contact_telephone = '+44 1632 960123'", ods)).isEqualTo(1);

    // The details are replaced as a whole: saved without a contact, the organisation has none.
    register(null).body("incidentContact", nullValue());
    organisation().body("incidentContact", nullValue());
  }

  @Test
  void shouldRejectAnIncompleteOrInvalidIncidentContact() {
    register(Map.of("name", "Ivy Governance", "email", "dpo@practice.example.org", "telephone", "01632 960123"));

    saveDetails(Map.of("name", "Ivy Governance", "email", "not-an-email", "telephone", "call me"))
        .statusCode(400).contentType("application/problem+json")
        .body("errors.field", equalTo(List.of("incidentContact.email", "incidentContact.telephone")));
    saveDetails(Map.of("name", "Ivy Governance")).statusCode(400)
        .body("errors.field", equalTo(List.of("incidentContact.email", "incidentContact.telephone")));
    organisation().body("incidentContact.telephone", equalTo("01632 960123"));
  }

  // --- helpers ---

  private void onboardWithGp() {
    register(null);
    agreement();
    dspt("STANDARDS_MET", today.minusMonths(2)).statusCode(200);
    roster(List.of(member(gp.subject(), "Dr New", today.minusMonths(2))));
  }

  private ValidatableResponse register(Map<String, Object> incidentContact) {
    return saveDetails(incidentContact).statusCode(200);
  }

  private ValidatableResponse saveDetails(Map<String, Object> incidentContact) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "Practice " + ods, "type", "GP_PRACTICE"));
    if (incidentContact != null) {
      body.put("incidentContact", incidentContact);
    }
    return api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(body)
        .when().put("/organisations/" + ods).then();
  }

  private void agreement() {
    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON)
        .body(Map.of("signedOn", today.minusYears(1).toString(), "caldicottGuardian", "Dr Guardian"))
        .when().put("/organisations/" + ods + "/sharing-agreement").then().statusCode(200);
  }

  private ValidatableResponse dspt(String status, LocalDate publishedOn) {
    return api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON)
        .body(Map.of("status", status, "publishedOn", publishedOn.toString()))
        .when().put("/organisations/" + ods + "/dspt").then();
  }

  private ValidatableResponse organisation() {
    return api.as(Personas.PLATFORM_ADMIN).when().get("/organisations/" + ods).then().statusCode(200);
  }

  private static Map<String, Object> member(String userId, String name, LocalDate trainedOn) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("userId", userId);
    member.put("name", name);
    member.put("jobRole", "R0260");
    member.put("trainingCompletedOn", trainedOn.toString());
    return member;
  }

  private ValidatableResponse roster(List<Map<String, Object>> members) {
    return api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(members)
        .when().put("/organisations/" + ods + "/roster").then().statusCode(200);
  }

  /** Sends the bytes as they are, with exactly this Content-Type (RestAssured would add a charset of its own). */
  private ValidatableResponse uploadCsv(byte[] csv, String contentType) {
    return api.as(Personas.PLATFORM_ADMIN).config(RestAssuredConfig.config().encoderConfig(EncoderConfig
            .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
        .contentType(contentType).body(csv)
        .when().put("/organisations/" + ods + "/roster").then();
  }

  private ValidatableResponse readAPlan() {
    return api.summary(gp, NhsNumbers.fresh()).then();
  }

  private static String formatUk(LocalDate date) {
    return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
  }
}
