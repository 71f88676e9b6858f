package org.openucp.clinical.patientaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.openucp.clinical.patientaccess.security.PatientProofs.PATIENT_TOKEN;
import static org.openucp.clinical.patientaccess.security.PatientProofs.PROXY_ASSERTION;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.infra.PortalAssertionKeys;

/** The portal, acting for a patient or proxy, reads only the published plan, and each view is theirs in the audit. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PatientAccessTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldShowThePatientThePublishedPlanNeverTheDraftAndAuditItAsTheirs() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "published words"));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "draft words"))
        .then().statusCode(200);

    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/plan")
        .then().statusCode(200)
        .body("version", equalTo(1))
        .body("content.whatMattersToMe", equalTo("published words"));

    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
        + "action = 'patient.view' AND role_code = 'PATIENT' AND actor_id = ?", patient, "patient:nhslogin-" + patient))
        .isEqualTo(1);
  }

  @Test
  void shouldListWhoFromWhichOrganisationAccessedThePlan() {
    String patient = api.publishedPlan(aPlan());
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);

    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/access-log")
        .then().statusCode(200)
        .body("items.organisation", hasItem("RRU"))
        .body("items.find { it.organisation == 'RRU' }.role", equalTo("R1070"));
  }

  @Test
  void shouldTellWhetherAPlanIsPublished() {
    String patient = api.publishedPlan(aPlan());

    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/status")
        .then().statusCode(200).body("published", equalTo(true)).body("version", equalTo(1));
    String withoutPlan = NhsNumbers.fresh();
    api.asPortalFor(withoutPlan).when().get("/patient-access/" + withoutPlan + "/status")
        .then().statusCode(200).body("published", equalTo(false));
  }

  @Test
  void shouldLetThePatientWithdrawConsentThroughThePortal() {
    String patient = api.publishedPlan(aPlan());

    api.asPortalFor(patient).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I changed my mind"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200).body("versionsDeleted", equalTo(1));

    api.summary(Personas.GP, patient).then().statusCode(404);
  }

  @Test
  void shouldEraseASubmissionWhenThePatientWithdrawsBeforeAnyPlanWithAReceiptWithoutContent() {
    String patient = NhsNumbers.fresh();
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", patient)
        .with("thoughtsAboutFutureCare", "Secret wish " + patient);
    api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId()).contentType(ContentType.JSON)
        .body(draft.body()).when().post("/intake/submitted-drafts").then().statusCode(201);

    String receipt = api.asPortalFor(patient).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I do not want a plan"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200)
        .body("planErased", equalTo(false))
        .body("submissionsDeleted", equalTo(1))
        .body("requestedBy", equalTo("PATIENT"))
        .body("erasedAt", notNullValue())
        .extract().asString();

    assertThat(receipt).doesNotContain("Secret wish");
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM submitted_draft WHERE nhs_number = ?",
        patient)).isZero();
  }

  @Test
  void shouldRefuseStaffAndOtherServices() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).header(PATIENT_TOKEN, issuer.token(NhsNumbers.patient(patient)))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
    api.as(Personas.URGENT_CARE_SYSTEM).header(PATIENT_TOKEN, issuer.token(NhsNumbers.patient(patient)))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
  }

  @Test
  void shouldOpenNothingWithThePortalsCredentialsAlone() {
    String patient = api.publishedPlan(aPlan());

    for (String path : new String[] {"/plan", "/status", "/access-log"}) {
      api.as(Personas.PORTAL_SERVICE).header("X-Viewer-Kind", "PATIENT").header("X-Viewer", "nhslogin-" + patient)
          .when().get("/patient-access/" + patient + path)
          .then().statusCode(401).contentType("application/problem+json")
          .body("type", equalTo("https://openucp.org/problems/person-not-proven"));
    }
    api.as(Personas.PORTAL_SERVICE).contentType(ContentType.JSON).body(Map.of("confirm", true, "reason", "x"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal").then().statusCode(401);
    api.summary(Personas.GP, patient).then().statusCode(200);
  }

  @Test
  void shouldRefuseTokensThatAreNotThePatientsOwnProofForThisRecord() {
    String patient = api.publishedPlan(aPlan());
    String other = api.publishedPlan(aPlan());

    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN, issuer.token(NhsNumbers.patient(other)))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN, issuer.token(Personas.GP))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(401);
    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN,
            issuer.token(NhsNumbers.patient(patient).withAudience("another-service")))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(401);
    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN,
            issuer.token(NhsNumbers.patient(patient).withClaim("identity_proofing_level", "P5")))
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN, issuer.token(NhsNumbers.patient(patient)) + "x")
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(401);
  }

  @Test
  void shouldServeAProxyWithTheirOwnTokenAndThePortalsAssertionAndAuditThemAsTheProxy() {
    String patient = api.publishedPlan(aPlan());
    Persona proxy = NhsNumbers.freshPatient();

    api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN, issuer.token(proxy))
        .header(PROXY_ASSERTION, assertion(proxy.subject(), patient, PortalAssertionKeys.pair().getPrivate(), 60))
        .when().get("/patient-access/" + patient + "/plan")
        .then().statusCode(200).body("version", equalTo(1));

    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
        + "action = 'patient.view' AND role_code = 'PROXY' AND actor_id = ?", patient, "proxy:" + proxy.subject()))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseAProxyAssertionForSomeoneElseSignedByAnotherKeyOrExpired() throws Exception {
    String patient = api.publishedPlan(aPlan());
    Persona proxy = NhsNumbers.freshPatient();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);

    for (String assertion : new String[] {
        assertion("someone-else", patient, PortalAssertionKeys.pair().getPrivate(), 60),
        assertion(proxy.subject(), patient, generator.generateKeyPair().getPrivate(), 60),
        assertion(proxy.subject(), patient, PortalAssertionKeys.pair().getPrivate(), -600)}) {
      api.as(Personas.PORTAL_SERVICE).header(PATIENT_TOKEN, issuer.token(proxy)).header(PROXY_ASSERTION, assertion)
          .when().get("/patient-access/" + patient + "/plan")
          .then().statusCode(401);
    }
  }



  /** The portal's statement that this signed-in person is the patient's verified proxy. */
  private static String assertion(String proxySubject, String patient, PrivateKey key, long expiresInSeconds) {
    long now = System.currentTimeMillis() / 1000;
    return Jwt.issuer("openucp-portal").audience("openucp-clinical").subject(proxySubject)
        .claim("patient_nhs_number", patient).claim("invitation", UUID.randomUUID().toString())
        .issuedAt(now + Math.min(0, expiresInSeconds * 2)).expiresAt(now + expiresInSeconds).jws().sign(key);
  }
}
