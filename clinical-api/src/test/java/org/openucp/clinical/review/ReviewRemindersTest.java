package org.openucp.clinical.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.review.service.ReviewReminders;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** The reminder job, driven directly: plans due within 14 days or overdue become tasks for their organisation. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ReviewRemindersTest {

  @LocalInfra
  LocalIssuer issuer;

  @Inject
  ReviewReminders reminders;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldRemindTheOwningOrganisationOfDueAndOverduePlansOnce() throws Throwable {
    String dueSoon = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().plusDays(10).toString()));
    String overdue = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().minusDays(2).toString()));
    String later = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().plusDays(40).toString()));

    assertThat(runJob()).isGreaterThanOrEqualTo(2);
    assertThat(runJob()).as("a second run, or another replica, adds nothing").isZero();

    JsonPath due = api.as(Personas.COMMUNITY_NURSE).when().get("/organisations/A83008/reviews")
        .then().statusCode(200).extract().jsonPath();
    assertThat(due.getList("items.nhsNumber")).contains(dueSoon, overdue).doesNotContain(later);
    assertThat(due.getBoolean("items.find { it.nhsNumber == '" + overdue + "' }.overdue")).isTrue();
    assertThat(due.getBoolean("items.find { it.nhsNumber == '" + dueSoon + "' }.overdue")).isFalse();
  }

  @Test
  void shouldClearTheReminderOnceThePlanIsReviewedAndRepublished() throws Throwable {
    String patient = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().plusDays(3).toString()));
    runJob();
    api.saveDraft(Personas.GP, patient, api.revision(patient),
        aPlan().with("plannedReviewDate", LocalDate.now().plusMonths(2).toString())).then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);

    assertThat(api.as(Personas.GP).when().get("/organisations/A83008/reviews").then().statusCode(200)
        .extract().jsonPath().getList("items.nhsNumber")).doesNotContain(patient);
  }

  @Test
  void shouldShowAnOrganisationsRemindersToItsOwnStaffOnly() {
    api.as(Personas.GP).when().get("/organisations/RRU/reviews")
        .then().statusCode(403).body("detail", containsString("your own organisation"));
    api.as(Personas.PARAMEDIC).when().get("/organisations/RRU/reviews").then().statusCode(403);
  }

  private int runJob() throws Throwable {
    return VertxContextSupport.subscribeAndAwait(reminders::remindDue);
  }
}
