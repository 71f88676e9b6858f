package org.openucp.clinical.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** Every job role against every operation, through the API with real tokens: allowed, or refused with 403. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RoleWalkTest {

  private static final Map<String, Persona> WALKERS = walkers();

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboardEveryWalker() {
    List<Persona> staff = new ArrayList<>(Personas.STAFF);
    staff.addAll(WALKERS.values());
    Onboarded.withStaff(issuer, staff);
    api = new ClinicalApi(issuer);
  }

  static Stream<Arguments> everyRoleAndOperation() {
    return ExpectedAccess.TABLE.keySet().stream().flatMap(role -> ExpectedAccess.COLUMNS.stream()
        .map(operation -> Arguments.of(role, operation)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyRoleAndOperation")
  void shouldAllowOrRefuseEachRoleEachOperationAsTheTableSays(String role, Permission operation) {
    Response response = attempt(WALKERS.get(role), operation);

    if (ExpectedAccess.allowed(role).contains(operation)) {
      assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
    } else {
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  private Response attempt(Persona who, Permission operation) {
    return switch (operation) {
      case VIEW_PUBLISHED -> api.as(who).when().get("/plans/" + publishedWithDraft() + "/published");
      case VIEW_DRAFT -> api.as(who).when().get("/plans/" + publishedWithDraft() + "/draft");
      case INITIATE -> api.initiate(who, NhsNumbers.fresh(), aPlan());
      case EDIT -> {
        String patient = publishedWithDraft();
        yield api.saveDraft(who, patient, api.revision(patient), aPlan().with("whatMattersToMe", "edited"));
      }
      case PUBLISH -> {
        String patient = publishedWithDraft();
        yield api.publish(who, patient, api.revision(patient));
      }
      case RECORD_DNACPR -> {
        String patient = publishedWithDraft();
        yield api.saveDraft(who, patient, api.revision(patient), aPlan().withDnacpr());
      }
      case RECORD_CONSENT -> api.recordConsent(who, publishedWithDraft(), "BEST_INTERESTS_DECISION");
      case WITHDRAW_CONSENT -> api.withdraw(who, publishedWithDraft());
      case CLAIM_SUBMISSION -> api.claim(who, submission());
      case READ_AUDIT -> api.as(who).when().get("/audit/events");
      case ADMINISTER_ORGANISATIONS -> api.as(who).when().get("/organisations");
      case MANAGE_INFORMATION_GOVERNANCE -> api.as(who).when().get("/information-governance/deadlines");
    };
  }

  private String publishedWithDraft() {
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "draft"))
        .then().statusCode(200);
    return patient;
  }

  /** A submission from a patient whose plan the walkers' practice already holds, so claiming it needs no consent. */
  private String submission() {
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", api.publishedPlan(aPlan()));
    return given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE))
        .header("Idempotency-Key", draft.draftId()).contentType(ContentType.JSON).body(draft.body())
        .when().post("/intake/submitted-drafts")
        .then().statusCode(201).extract().path("submissionId");
  }

  private static Map<String, Persona> walkers() {
    Map<String, Persona> walkers = new LinkedHashMap<>();
    int index = 0;
    for (String role : ExpectedAccess.TABLE.keySet()) {
      String[] parts = role.split("@");
      String organisation = parts.length > 1 ? parts[1] : Personas.DEMO_PRACTICE;
      String uid = String.format("5558%08d", index++);
      walkers.put(role, Persona.staff("walker-" + index, "Role walk " + role, "Walker " + role, uid, parts[0],
          "Role " + parts[0], organisation, "AAL3_ANY"));
    }
    return walkers;
  }
}
