package org.openucp.clinical.complaint;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** The complaint log: kept apart from patients' records and for its own retention period. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ComplaintLogTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldKeepAComplaintWhenThePatientWithdrawsConsentAndErasesTheirPlan() {
    String patient = api.publishedPlan(aPlan());
    String id = record(patient);

    api.withdraw(Personas.GP, patient).then().statusCode(200);

    api.as(Personas.IG_OFFICER).when().get("/complaints/" + id)
        .then().statusCode(200).body("nhsNumber", equalTo(patient)).body("status", equalTo("OPEN"));
    api.as(Personas.IG_OFFICER).when().get("/complaints").then().statusCode(200).body("items.id", hasItem(id));
  }

  @Test
  void shouldKeepAClosedComplaintTenYearsFromClosure() {
    String id = record(null);
    String etag = api.as(Personas.IG_OFFICER).when().get("/complaints/" + id).then().extract().header("ETag");

    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("outcome", "Apologised; fixed"))
        .when().post("/complaints/" + id + "/closure").then().statusCode(428);
    api.as(Personas.IG_OFFICER).header("If-Match", etag).contentType(ContentType.JSON)
        .body(Map.of("outcome", "Apologised; the practice corrected its roster"))
        .when().post("/complaints/" + id + "/closure")
        .then().statusCode(200).body("status", equalTo("CLOSED"))
        .body("retainUntil", equalTo(LocalDate.now(ZoneId.of("Europe/London")).plusYears(10).toString()));
  }

  @Test
  void shouldLetOnlyInformationGovernanceKeepTheComplaintLog() {
    for (Persona someone : List.of(Personas.GP, Personas.PLATFORM_ADMIN)) {
      api.as(someone).contentType(ContentType.JSON)
          .body(Map.of("complainant", "A relative", "summary", "Nobody called back"))
          .when().post("/complaints").then().statusCode(403);
      api.as(someone).when().get("/complaints").then().statusCode(403);
    }
  }

  private String record(String patient) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("complainant", "Mary Smith, daughter",
        "contact", "020 7946 0000", "summary", "The crew could not find my mother's plan", "organisation", "RRU"));
    if (patient != null) {
      body.put("nhsNumber", patient);
    }
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(body)
        .when().post("/complaints").then().statusCode(201).extract().path("id");
  }
}
