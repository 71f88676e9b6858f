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
import java.util.UUID;
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
import org.openucp.infra.NhsNumbers;
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
  void shouldServeTheViewRenderedWhenTheVersionWasPublishedByNumberAndByDemographics() throws Exception {
    String family = "Stored" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    String patient = api.publishedPlan(aPlan().withPerson("familyName", family)
        .with("otherTreatmentRecommendations", "Treat infections at home"));
    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view_format = ?",
        patient, CrisisViews.FORMAT)).isEqualTo(1);

    tables.execute("UPDATE published_plan SET crisis_view = replace(crisis_view, 'Treat infections at home', "
        + "'as stored') WHERE nhs_number = '" + patient + "'");

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).body("treatment.recommendations", equalTo("as stored"));
    api.as(Personas.CALL_HANDLER_111).queryParam("familyName", family).queryParam("dateOfBirth", "1948-03-12")
        .when().get("/urgent-care/patients")
        .then().statusCode(200)
        .body("plan.identity.nhsNumber", equalTo(patient))
        .body("plan.treatment.recommendations", equalTo("as stored"));
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
  void shouldRenderEveryOtherViewWhenOnePublishedVersionCannotBeRead() throws Exception {
    String readable = api.publishedPlan(aPlan());
    String unreadable = NhsNumbers.fresh();
    String plan = UUID.randomUUID().toString();
    tables.execute("UPDATE published_plan SET crisis_view = NULL, crisis_view_format = NULL"
            + " WHERE nhs_number = '" + readable + "'",
        "INSERT INTO care_plan (id, nhs_number, draft_revision, latest_version, owning_organisation, created_at,"
            + " created_by) VALUES ('" + plan + "', '" + unreadable + "', 1, 1, 'A83008', now(), 'import')",
        "INSERT INTO plan_version (plan_id, version, content, published_at, published_by, role_code, organisation)"
            + " VALUES ('" + plan + "', 1, 'not a plan', now(), 'import', 'R0260', 'A83008')",
        "INSERT INTO published_plan (plan_id, nhs_number, version, owning_organisation, published_at)"
            + " VALUES ('" + plan + "', '" + unreadable + "', 1, 'A83008', now())");

    renderEveryMissingView();

    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view_format = ?",
        readable, CrisisViews.FORMAT)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND crisis_view IS NULL",
        unreadable)).isEqualTo(1);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + readable).then().statusCode(200);
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
        .body("identity.name", equalTo(trickyName + " Smith"));
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
