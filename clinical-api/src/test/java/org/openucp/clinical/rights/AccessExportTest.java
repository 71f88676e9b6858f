package org.openucp.clinical.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** The copy of everything held about a patient that answers their access request. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AccessExportTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldExportEveryVersionTheConsentTheSubmissionsAndEachOrganisationThatReadThePlan() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "version one"));
    api.deliver(aSubmittedDraft().with("nhsNumber", patient));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "version two"))
        .then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);
    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call").when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200);
    String request = verifiedAccessRequest(patient);

    JsonPath export = api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + request + "/access-export")
        .then().statusCode(200).extract().jsonPath();

    assertThat(export.getString("nhsNumber")).isEqualTo(patient);
    assertThat(export.getList("plan.versions.content.whatMattersToMe")).containsExactly("version one", "version two");
    assertThat(export.getString("plan.consent.basis")).isNotBlank();
    assertThat(export.getList("plan.careTeam.organisationName")).contains("Demo Medical Practice");
    assertThat(export.getList("submissions")).hasSize(1);
    assertThat(export.getList("accessLog.findAll { it.organisation == 'RRU' }.action"))
        .contains("lookup.by-number");
    assertThat(export.getList("accessLog.statedReason")).contains("999 call");
    assertThat(export.getMap("explanation")).containsKeys("purposes", "categories", "recipients", "retention",
        "rights", "complaint", "source", "automatedDecisions");
    assertThat(export.getList("rightsRequests.id")).contains(request);
  }

  @Test
  void shouldExportTheIncidentsListingThePatientTheirRecordedDeathAndTheNoticeTheirConsentWasGivenUnder() {
    String patient = api.publishedPlan(aPlan());
    String notice = api.as(Personas.IG_OFFICER).when().get("/privacy-notices/current").then().statusCode(200)
        .extract().path("version");
    LocalDate diedOn = LocalDate.now().minusDays(2);
    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("diedOn", diedOn.toString(), "source", "HOSPITAL", "sourceDetail", "Ward 7 discharge note"))
        .when().put("/plans/" + patient + "/death").then().statusCode(200);
    Instant occurred = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
    String listingThePatient = breach("A paramedic looked up patients without a reason", occurred);
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("nhsNumbers", List.of(patient)))
        .when().post("/breaches/" + listingThePatient + "/affected-patients").then().statusCode(200);
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("organisation", "A83008",
            "liaisedAt", occurred.plus(Duration.ofDays(1)).toString(), "contact", "Practice manager Jo Bloggs",
            "notes", "Discussed the paramedic's disciplinary hearing"))
        .when().post("/breaches/" + listingThePatient + "/liaisons").then().statusCode(200);
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("highRisk", true,
            "whatPatientsCanDo", "Tell us if anyone contacts you about your plan", "contactPoint",
            "The data protection officer, dpo@example.org"))
        .when().post("/breaches/" + listingThePatient + "/patient-notice").then().statusCode(200);
    String notListingThePatient = breach("A laptop was stolen", occurred);
    String request = verifiedAccessRequest(patient);

    Response response = api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + request + "/access-export");

    response.then().statusCode(200);
    JsonPath export = response.jsonPath();
    assertThat(export.getList("breaches.id")).containsExactly(listingThePatient).doesNotContain(notListingThePatient);
    JsonPath incident = export.setRootPath("breaches[0]");
    assertThat(incident.getString("whatHappened")).startsWith("A paramedic looked up patients without a reason");
    assertThat(Instant.parse(incident.getString("occurredAt"))).isEqualTo(occurred);
    assertThat(incident.getString("measuresTaken")).isEqualTo("Access suspended");
    assertThat(incident.getString("patientsTold")).isEqualTo("NOTICE_TO_AFFECTED_PATIENTS");
    assertThat(incident.getString("notice")).contains("What happened", "dpo@example.org");
    assertThat(response.asString()).as("the register's internal handling is not part of the copy")
        .doesNotContain("Jo Bloggs", "disciplinary", "liaisons", Personas.IG_OFFICER.subject());
    export.setRootPath("");
    assertThat(export.getString("death.diedOn")).isEqualTo(diedOn.toString());
    assertThat(export.getString("death.source")).isEqualTo("HOSPITAL");
    assertThat(export.getString("death.sourceDetail")).isEqualTo("Ward 7 discharge note");
    assertThat(export.getString("death.organisation")).isEqualTo("A83008");
    assertThat(export.getString("plan.consent.privacyNotice.version")).isEqualTo(notice);
    assertThat(export.getString("plan.consent.reconsentRequestedUnder")).isNull();
    assertThat(export.getString("explanation.retention")).contains("8 years", "20 years if it is a serious incident");
  }

  @Test
  void shouldExportNoDeathAndNoIncidentForAPatientWithoutThem() {
    String patient = api.publishedPlan(aPlan());

    JsonPath export = api.as(Personas.IG_OFFICER).when()
        .get("/rights-requests/" + verifiedAccessRequest(patient) + "/access-export")
        .then().statusCode(200).extract().jsonPath();

    assertThat(export.getString("death")).isNull();
    assertThat(export.getList("breaches")).isEmpty();
  }

  @Test
  void shouldExportOnlyOnceTheRequestersIdentityIsVerifiedAndOnlyForAccessOrPortability() {
    String patient = api.publishedPlan(aPlan());
    String unverified = record(patient, "ACCESS");
    String erasure = record(patient, "ERASURE");

    api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + unverified + "/access-export")
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/identity-not-verified"));
    api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + erasure + "/access-export")
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/not-an-access-request"));
    api.as(Personas.GP).when().get("/rights-requests/" + verifiedAccessRequest(patient) + "/access-export")
        .then().statusCode(403);
  }

  /** A breach in the register, with its facts; emits its id. */
  private String breach(String whatHappened, Instant occurred) {
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of(
            "whatHappened", whatHappened + " " + UUID.randomUUID(), "category", "CONFIDENTIALITY",
            "occurredAt", occurred.toString(), "awareAt", occurred.plus(Duration.ofHours(1)).toString(),
            "likelyConsequences", "Care wishes seen without a need to know", "measuresTaken", "Access suspended"))
        .when().post("/breaches").then().statusCode(201).extract().path("id");
  }

  private String verifiedAccessRequest(String patient) {
    String id = record(patient, "ACCESS");
    String etag = api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + id).then().extract().header("ETag");
    api.as(Personas.IG_OFFICER).header("If-Match", etag).contentType(ContentType.JSON)
        .body(Map.of("method", "Seen in person with photo ID"))
        .when().post("/rights-requests/" + id + "/identity-verification").then().statusCode(200);
    return id;
  }

  private String record(String patient, String kind) {
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", kind, "receivedVia", "LETTER", "requester", "The patient"))
        .when().post("/rights-requests").then().statusCode(201).extract().path("id");
  }
}
