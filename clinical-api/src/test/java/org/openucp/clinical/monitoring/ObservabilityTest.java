package org.openucp.clinical.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/** What operators see: Prometheus metrics, the access log and cross-origin rules, none naming a patient. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ObservabilityTest {

  private static final String WEB_APP = "https://web.openucp.test";

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;
  private final List<String> accessLog = new CopyOnWriteArrayList<>();
  private final Handler accessLogCapture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      Object[] parameters = record.getParameters();
      accessLog.add(parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    Logger.getLogger("openucp.access").addHandler(accessLogCapture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("openucp.access").removeHandler(accessLogCapture);
  }

  @Test
  void shouldTimeCrisisLookupsByOutcomeAndRoutesByTemplateWithoutNamingThePatient() {
    String patient = api.publishedPlan(aPlan());
    String nobody = NhsNumbers.fresh();
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + nobody).then().statusCode(404);

    String metrics = metrics();

    assertThat(metrics)
        .containsPattern("openucp_crisis_lookups_seconds_count\\{.*outcome=\"found\".*} [1-9]")
        .containsPattern("openucp_crisis_lookups_seconds_count\\{.*outcome=\"no_plan\".*} [1-9]")
        .containsPattern("openucp_crisis_lookups_seconds_bucket\\{.*outcome=\"found\"")
        .contains("openucp_crisis_lookup_batch_size_count")
        .containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/urgent-care/patients/\\{nhsNumber}\"")
        .doesNotContain(patient, nobody);
  }

  @Test
  void shouldServeTheBacklogsAsGaugesCountedOnSchedule() {
    await("the backlogs counted").atMost(Duration.ofSeconds(30))
        .until(() -> metrics().contains("openucp_governance_deadlines_due_soon"));

    assertThat(metrics()).containsPattern("(?m)^openucp_audit_unsealed_events(\\{.*})? \\d")
        .containsPattern("(?m)^openucp_audit_sealer_lag_seconds(\\{.*})? \\d")
        .containsPattern("(?m)^openucp_review_reminders_open(\\{.*})? \\d")
        .containsPattern("(?m)^openucp_governance_deadlines_overdue(\\{.*})? \\d")
        .containsPattern("(?m)^openucp_governance_deadlines_due_soon(\\{.*})? \\d");
  }

  @Test
  void shouldLogEachRequestByItsRouteTemplateNeverItsPathOrToken() {
    String patient = api.publishedPlan(aPlan());
    accessLog.clear();

    api.as(Personas.PARAMEDIC).queryParam("reason", "Called to the patient's home")
        .when().get("/urgent-care/patients/" + patient).then().statusCode(200);

    // The line is written once the response has gone, which may be just after the client has it.
    String expected = "GET /urgent-care/patients/{nhsNumber} 200";
    await("the access log line").atMost(Duration.ofSeconds(10))
        .until(() -> accessLog.stream().anyMatch(line -> line.startsWith(expected)));
    assertThat(accessLog).noneSatisfy(line -> assertThat(line).containsAnyOf(patient, "eyJ", "Called"));
  }

  @Test
  void shouldLetTheConfiguredWebAppCallWithIfMatchAndReadTheETag() {
    given().header("Origin", WEB_APP).header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization,if-match,content-type")
        .when().options("/plans/" + NhsNumbers.fresh() + "/draft")
        .then().statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(WEB_APP))
        .header("Access-Control-Allow-Headers", containsString("If-Match"));

    String patient = api.publishedPlan(aPlan());
    api.as(Personas.GP).header("Origin", WEB_APP).when().get("/plans/" + patient)
        .then().statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(WEB_APP))
        .header("Access-Control-Expose-Headers", containsString("ETag"));
  }

  @Test
  void shouldRefuseCrossOriginCallsFromAnyOtherOrigin() {
    given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
        .when().options("/urgent-care/patients/" + NhsNumbers.fresh())
        .then().header("Access-Control-Allow-Origin", nullValue());
  }

  private static String metrics() {
    return given().basePath("/").when().get("/q/metrics").then().statusCode(200).extract().asString();
  }
}
