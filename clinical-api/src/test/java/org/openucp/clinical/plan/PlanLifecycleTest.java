package org.openucp.clinical.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PlanLifecycleTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldInitiateEditPublishReviseAndPublishAgainKeepingEveryVersion() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.COMMUNITY_NURSE, patient, aPlan().with("whatMattersToMe", "first words"))
        .then().statusCode(201).header("ETag", equalTo("\"0\""));
    api.saveDraft(Personas.COMMUNITY_NURSE, patient, 0, aPlan().with("whatMattersToMe", "edited"))
        .then().statusCode(200).header("ETag", equalTo("\"1\""));
    api.recordConsent(Personas.COMMUNITY_NURSE, patient, "EXPLICIT_CONSENT").then().statusCode(200);
    api.publish(Personas.COMMUNITY_NURSE, patient, 1)
        .then().statusCode(201)
        .body("published.version", equalTo(1))
        .body("published.roleCode", equalTo("R0700"))
        .body("published.organisation", equalTo("A83008"))
        .body("published.publishedBy", equalTo("555000000002"));

    api.as(Personas.GP).when().post("/plans/" + patient + "/revision")
        .then().statusCode(201).body("content.whatMattersToMe", equalTo("edited"));
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("whatMattersToMe", "second version"))
        .then().statusCode(200);
    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201).body("published.version", equalTo(2));

    api.as(Personas.GP).when().get("/plans/" + patient + "/versions")
        .then().statusCode(200)
        .body("items.version", equalTo(List.of(2, 1)))
        .body("items.roleCode", equalTo(List.of("R0260", "R0700")));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/1")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("edited"));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().statusCode(200)
        .body("stamp.version", equalTo(2))
        .body("content.whatMattersToMe", equalTo("second version"));
  }

  @Test
  void shouldRefuseASecondPlanForTheSamePersonPointingAtTheFirst() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    api.initiate(Personas.COMMUNITY_NURSE, patient, aPlan())
        .then().statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("already exists (plan "));
  }

  @Test
  void shouldRequireIfMatchAndRefuseAStaleRevision() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    api.as(Personas.GP).contentType("application/json").body(aPlan().content())
        .when().put("/plans/" + patient + "/draft")
        .then().statusCode(428);
    api.saveDraft(Personas.GP, patient, 0, aPlan()).then().statusCode(200);
    api.saveDraft(Personas.GP, patient, 0, aPlan())
        .then().statusCode(412)
        .body("detail", equalTo("Version 1 is current; you sent 0. Reload and re-apply your edit."));
  }

  @Test
  void shouldLetExactlyOneOfTwoEditorsWithTheSameETagWin() throws Exception {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Response>> editors = IntStream.range(0, 2).<Callable<Response>>mapToObj(i -> () ->
          api.saveDraft(i == 0 ? Personas.GP : Personas.COMMUNITY_NURSE, patient, 0,
              aPlan().with("whatMattersToMe", "editor " + i))).toList();
      List<Integer> statuses = pool.invokeAll(editors).stream().map(future -> {
        try {
          return future.get().statusCode();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).toList();

      assertThat(statuses).containsExactlyInAnyOrder(200, 412);
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.revision(patient)).isEqualTo(1);
  }

  @Test
  void shouldShowUrgentCareOnlyThePublishedVersionNeverTheDraft() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "published words"));
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("whatMattersToMe", "draft words"))
        .then().statusCode(200);

    api.summary(Personas.CALL_HANDLER_111, patient)
        .then().statusCode(200)
        .body("latestVersion", equalTo(1))
        .body("hasDraft", nullValue());
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/draft")
        .then().statusCode(403).body("type", containsString("permission-denied"));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("published words"));
    api.summary(Personas.GP, patient).then().body("hasDraft", equalTo(true));
  }

  @Test
  void shouldNotRevealAnUnpublishedPlanToUrgentCare() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    api.summary(Personas.PARAMEDIC, patient).then().statusCode(404);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published").then().statusCode(404);
  }

  @Test
  void shouldNameEachInvalidFieldAndSaveNothing() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    api.saveDraft(Personas.GP, patient, 0, aPlan().withPerson("postcode", "nowhere"))
        .then().statusCode(400)
        .body("errors[0].field", equalTo("person.postcode"));
    api.saveDraft(Personas.GP, patient, 0, aPlan().with("whatMattersToMe", "x".repeat(5000)))
        .then().statusCode(400)
        .body("errors[0].field", equalTo("whatMattersToMe"));
    assertThat(api.revision(patient)).isZero();
  }

  @Test
  void shouldRejectAnInvalidNhsNumberInThePath() {
    api.summary(Personas.GP, "1234567890")
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("check digit"));
  }

  @Test
  void shouldRefuseToPublishWhenEverythingIsAlreadyPublished() {
    String patient = api.publishedPlan(aPlan());

    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(409);
    api.as(Personas.GP).when().get("/plans/" + patient + "/versions").then().body("items", hasSize(1));
  }
}
