package org.openucp.clinical.urgentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.urgentcare.service.CrisisViewRendering;
import org.openucp.clinical.urgentcare.service.CrisisViews;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * The crisis view is rendered once, when a version is published, and served as stored; a plan without a view in the
 * current format is still served whole, and the background job renders its view.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CrisisViewTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  CrisisViewRendering rendering;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldServeTheViewRenderedWhenTheVersionWasPublished() throws Exception {
    String patient = api.publishedPlan(aPlan().with("otherTreatmentRecommendations", "Treat infections at home"));
    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view_format = ?",
        patient, CrisisViews.FORMAT)).isEqualTo(1);

    tables.execute("UPDATE published_plan SET crisis_view = replace(crisis_view, 'Treat infections at home', "
        + "'as stored') WHERE nhs_number = '" + patient + "'");

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).body("keyRecommendations", equalTo("as stored"));
  }

  @Test
  void shouldRenderTheViewOfEachNewVersionAsItIsPublished() {
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().withDnacpr()).then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200)
        .body("banner.version", equalTo(2))
        .body("cpr.decision", equalTo("CPR_NOT_RECOMMENDED"));
  }

  @Test
  void shouldServeAPlanPublishedWithoutAViewWholeAndRenderItsViewInTheBackground() throws Exception {
    String patient = api.publishedPlan(aPlan().withDnacpr());
    Map<String, Object> rendered = crisisView(patient);
    tables.execute("UPDATE published_plan SET crisis_view = NULL, crisis_view_format = NULL"
        + " WHERE nhs_number = '" + patient + "'");

    assertThat(crisisView(patient)).isEqualTo(rendered);
    renderEveryMissingView();

    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view_format = ?",
        patient, CrisisViews.FORMAT)).isEqualTo(1);
    assertThat(crisisView(patient)).isEqualTo(rendered);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'lookup.by-number'",
        patient)).isEqualTo(3);
  }

  @Test
  void shouldNeverServeAViewOfAnOlderFormatAndRenderItAgain() throws Exception {
    String patient = api.publishedPlan(aPlan());
    Map<String, Object> rendered = crisisView(patient);
    tables.execute("UPDATE published_plan SET crisis_view = '{\"stale\":true}', crisis_view_format = "
        + (CrisisViews.FORMAT - 1) + " WHERE nhs_number = '" + patient + "'");

    assertThat(crisisView(patient)).isEqualTo(rendered);
    renderEveryMissingView();

    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view_format = ?"
        + " AND crisis_view NOT LIKE '%stale%'", patient, CrisisViews.FORMAT)).isEqualTo(1);
  }

  @Test
  void shouldSayOnTheDayOfTheLookupWhetherTheReviewIsOverdueWhateverTheTextOfThePlan() {
    String trickyName = "\"reviewOverdue\":false";
    String overdue = api.publishedPlan(aPlan().withPerson("givenName", trickyName)
        .with("plannedReviewDate", LocalDate.now().minusDays(1).toString()));
    String dueToday = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().toString()));

    api.as(Personas.CALL_HANDLER_111).when().get("/urgent-care/patients/" + overdue)
        .then().statusCode(200)
        .body("banner.reviewOverdue", equalTo(true))
        .body("name", equalTo(trickyName + " Smith"));
    api.as(Personas.CALL_HANDLER_111).when().get("/urgent-care/patients/" + dueToday)
        .then().statusCode(200).body("banner.reviewOverdue", equalTo(false));
  }

  private Map<String, Object> crisisView(String patient) {
    String body = api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).contentType("application/json").extract().asString();
    return JsonPath.from(body).getMap("");
  }

  private void renderEveryMissingView() {
    while (rendering.renderMissing().await().atMost(Duration.ofSeconds(30)) > 0) {
      // Other tests' plans may be waiting too: render until none is left.
    }
  }
}
