package org.openucp.clinical.urgentcare;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * While the clinical database cannot be reached, nobody is told "no plan": a crisis lookup, and every other
 * operation, answers 503 with a problem saying so, quickly, and the service recovers by itself once the database is
 * back. The database really stops (a fast shutdown, as a crash or failover looks to the service) and starts again on
 * the same port with the same data. This class has a test profile of its own, so that Quarkus starts its service
 * and database afresh for it and no other class sees the outage.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
@TestProfile(CrisisLookupOutageTest.OwnDatabase.class)
class CrisisLookupOutageTest {

  /** A profile of its own, so that stopping this class's database stops nobody else's. */
  public static class OwnDatabase implements QuarkusTestProfile {
  }

  /** Connection refused is immediate; even a server that does not answer is given up on within the 3 s limit. */
  private static final Duration FAIL_FAST = Duration.ofSeconds(4);
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private String paramedic;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    paramedic = issuer.token(Personas.PARAMEDIC);
  }

  @Test
  void shouldAnswerACrisisLookup503CannotConfirmNeverNoPlanWhileTheDatabaseIsDownAndFindThePlanOnceItIsBack() {
    String patient = api.publishedPlan(aPlan());
    String withoutPlan = NhsNumbers.fresh();
    lookup(patient).then().statusCode(200).body("identity.nhsNumber", equalTo(patient));
    lookup(withoutPlan).then().statusCode(404);

    database.stop();
    try {
      for (String nhsNumber : new String[] {patient, withoutPlan}) {
        long started = System.nanoTime();
        Response during = lookup(nhsNumber);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST);
        during.then().statusCode(503)
            .contentType(startsWith("application/problem+json"))
            .header("Retry-After", "5")
            .body("type", endsWith("/problems/database-unavailable"))
            .body("status", equalTo(503))
            .body("detail", containsString("cannot confirm whether this NHS number has a published plan"))
            .body("detail", containsString("not an answer that there is no plan"))
            .body("detail", not(containsString("Exception")));
      }
    } finally {
      database.restart();
    }

    await("the lookup to find the plan again").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
        .until(() -> lookup(patient).statusCode() == 200);
    lookup(patient).then().statusCode(200).body("identity.nhsNumber", equalTo(patient));
    lookup(withoutPlan).then().statusCode(404);
  }

  @Test
  void shouldAnswerASearchByDemographics503CannotConfirmWhileTheDatabaseIsDownAndFindTheMatchOnceItIsBack() {
    // This class's database holds only its own plans: one family name is enough to match exactly one person.
    String family = "Outage";
    String patient = api.publishedPlan(aPlan().withPerson("familyName", family));
    search(family).then().statusCode(200).body("matches", equalTo(1));

    database.stop();
    try {
      long started = System.nanoTime();
      Response during = search(family);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST);
      during.then().statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .header("Retry-After", "5")
          .body("type", endsWith("/problems/database-unavailable"))
          .body("detail", containsString("cannot confirm whether anyone with these details has a published plan"));
    } finally {
      database.restart();
    }

    await("the search to find the match again").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
        .until(() -> search(family).statusCode() == 200);
    search(family).then().statusCode(200).body("matches", equalTo(1))
        .body("plan.identity.nhsNumber", equalTo(patient));
  }

  @Test
  void shouldAnswerEveryOtherOperation503DatabaseUnavailableNot500WhileTheDatabaseIsDown() {
    String patient = api.publishedPlan(aPlan());
    api.summary(Personas.GP, patient).then().statusCode(200);

    database.stop();
    try {
      api.summary(Personas.GP, patient).then().statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .header("Retry-After", "5")
          .body("type", endsWith("/problems/database-unavailable"))
          .body("detail", containsString("cannot reach its database"));
      api.as(Personas.GP).when().get("/intake/submitted-drafts").then().statusCode(503)
          .body("type", endsWith("/problems/database-unavailable"));
      given().basePath("/").when().get("/q/health/ready").then().statusCode(503);
      given().basePath("/").when().get("/q/health/live").then().statusCode(200);
    } finally {
      database.restart();
    }

    await("the service to be ready again").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
        .until(() -> given().basePath("/").when().get("/q/health/ready").statusCode() == 200);
    api.summary(Personas.GP, patient).then().statusCode(200);
  }

  private Response lookup(String nhsNumber) {
    return given().auth().oauth2(paramedic).header("X-Access-Reason", "999 call")
        .when().get("/urgent-care/patients/" + nhsNumber);
  }

  private Response search(String familyName) {
    return given().auth().oauth2(paramedic).queryParam("familyName", familyName)
        .queryParam("dateOfBirth", "1948-03-12").when().get("/urgent-care/patients");
  }
}
