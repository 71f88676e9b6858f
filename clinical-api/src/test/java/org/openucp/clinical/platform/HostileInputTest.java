package org.openucp.clinical.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.HostileInputs;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * Bad input gets a clear 4xx problem and changes nothing: whatever a caller sends to any operation of the clinical
 * API, the answer is never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class HostileInputTest {

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
  void shouldRefuseNulInAnyTextFieldNamingTheField() {
    String patient = NhsNumbers.fresh();

    api.initiate(Personas.GP, patient, aPlan().with("whatMattersToMe", "Being at home\u0000"))
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("content.whatMattersToMe"))
        .body("errors[0].message", containsString("control characters"));
    api.initiate(Personas.GP, patient, aPlan().with("allergies", List.of(Map.of("substance", "Penicillin\u001b[2J",
            "reaction", "Rash"))))
        .then().statusCode(400).body("errors[0].field", equalTo("content.allergies[0].substance"));

    api.summary(Personas.GP, patient).then().statusCode(404);
  }

  @Test
  void shouldKeepTabsAndLineBreaksInFreeText() {
    String patient = NhsNumbers.fresh();

    api.initiate(Personas.GP, patient, aPlan().with("whatMattersToMe", "Being at home.\r\n\tWith my cat."))
        .then().statusCode(201);

    api.as(Personas.GP).when().get("/plans/" + patient + "/draft")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("Being at home.\r\n\tWith my cat."));
  }

  @Test
  void shouldAnswer400ForANonNumericPage() {
    api.as(Personas.GP).queryParam("page", "abc").when().get("/intake/submitted-drafts")
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("page"))
        .body("errors[0].message", equalTo("must be a whole number"));
  }

  @Test
  void shouldAnswer400ForAPageTooFarToCount() {
    api.as(Personas.GP).queryParam("page", Integer.MAX_VALUE).when().get("/intake/submitted-drafts")
        .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
    api.as(Personas.PLATFORM_ADMIN).queryParam("page", Integer.MAX_VALUE).when().get("/audit/events")
        .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
  }

  @Test
  void shouldAnswer400NamingAQueryOrPathValueOfTheWrongType() {
    api.as(Personas.PLATFORM_ADMIN).queryParam("from", "yesterday").when().get("/audit/events")
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("from"))
        .body("errors[0].message", containsString("2026-01-31T09:00:00Z"));
    api.as(Personas.GP).when().get("/plans/" + NhsNumbers.fresh() + "/versions/first")
        .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("version"));
  }

  @Test
  void shouldAnswer415ProblemForTextPlainOnTheRosterUpload() {
    api.as(Personas.PLATFORM_ADMIN).contentType("text/plain").body("555000000001,Dr Jane Doe,R0260,2026-01-05\n")
        .when().put("/organisations/" + Personas.DEMO_PRACTICE + "/roster")
        .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));

    api.as(Personas.GP).when().get("/plans/" + NhsNumbers.fresh()).then().statusCode(404);
  }

  @Test
  void shouldAnswer415ProblemForAContentTypeThatIsNotAMediaType() {
    api.as(Personas.PLATFORM_ADMIN).contentType("nonsense").body("[]".getBytes(StandardCharsets.UTF_8))
        .when().put("/organisations/" + Personas.DEMO_PRACTICE + "/roster")
        .then().statusCode(415).contentType("application/problem+json")
        .body("detail", containsString("'nonsense"));
  }

  @Test
  void shouldAnswer415ProblemForTextPlainOnAJsonOperation() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("text/plain").body("{\"basis\":\"EXPLICIT_CONSENT\"}")
        .when().put("/plans/" + patient + "/consent")
        .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
  }

  @Test
  void shouldRefuseABodyOverTheLimitBeforeReadingIt() {
    String patient = api.publishedPlan(aPlan());
    byte[] sevenMegabytes = new byte[7 * 1024 * 1024];
    System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, sevenMegabytes, 0, 5);

    api.as(Personas.GP).contentType("application/pdf").body(sevenMegabytes)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));

    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM attachment a JOIN care_plan p"
        + " ON p.id = a.plan_id WHERE p.nhs_number = ?", patient)).isZero();
  }

  @Test
  void shouldAnswerNoHostileInputToAnyOperationWithA5xx() {
    String patient = api.publishedPlan(aPlan());
    String attachment = api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "adrt.pdf")
        .body("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
        .when().post("/plans/" + patient + "/attachments").then().statusCode(201).extract().path("id");
    long revision = api.revision(patient);

    HostileInputs inputs = HostileInputs.against(RestAssured.baseURI + ":" + RestAssured.port,
        Map.of("nhsNumber", patient, "odsCode", Personas.DEMO_PRACTICE, "id", attachment, "version", "1",
            "subject", patient, "If-Match", "\"" + revision + "\""),
        Map.of("POST /plans", Map.of("nhsNumber", NhsNumbers.fresh(), "content", aPlan().content()),
            "PUT /plans/{nhsNumber}/draft", aPlan().content(),
            // Refused as not confirmed, so that the patient's plan stays for every other operation.
            "POST /plans/{nhsNumber}/consent/withdrawal", Map.of("confirm", false, "reason", "Asked to"),
            "POST /patient-access/{nhsNumber}/consent-withdrawal", Map.of("confirm", false, "reason", "Asked to")));
    inputs.sendAll(issuer.token(Personas.GP)).sendAll(null);

    assertThat(inputs.sent()).isGreaterThan(1_000);
    assertThat(inputs.failures()).isEmpty();
  }
}
