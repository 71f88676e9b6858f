package org.openucp.clinical.careteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * Every operation on a plan, as the OpenAPI document lists them, walked by a GP of another organisation: only the
 * reads of the published plan are open to them; every other operation answers 403 not-in-care-team. A new operation
 * under a plan fails this test until it is either care-team only or deliberately listed here as a published read.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CareTeamWalkTest {

  /** The operations that read what urgent care may read: open to every reader of published plans. */
  private static final Set<String> PUBLISHED_READS = Set.of(
      "GET /plans/{nhsNumber}",
      "GET /plans/{nhsNumber}/published",
      "GET /plans/{nhsNumber}/versions",
      "GET /plans/{nhsNumber}/versions/{version}",
      "GET /plans/{nhsNumber}/versions/{version}/pdf",
      "GET /plans/{nhsNumber}/versions/{version}/fhir",
      "GET /plans/{nhsNumber}/attachments/{id}");

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldOpenOnlyThePublishedPlanToStaffOfOrganisationsOutsideTheCareTeam() throws Exception {
    JsonNode paths = new ObjectMapper().readTree(RestAssured.get("/q/openapi?format=json").asString()).path("paths");
    List<String> walked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      if (!path.getKey().startsWith("/plans/{nhsNumber}")) {
        continue;
      }
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String operation = methods.next().toUpperCase() + " " + path.getKey();
        walked.add(operation);
        Response response = attempt(operation);
        boolean refused = response.statusCode() == 403
            && "https://openucp.org/problems/not-in-care-team".equals(response.path("type"));
        if (PUBLISHED_READS.contains(operation) == refused) {
          failures.add(operation + " answered " + response.statusCode() + " " + response.asString());
        }
      }
    }
    assertThat(walked).hasSizeGreaterThan(15);
    assertThat(failures).isEmpty();
  }

  /** The operation, with a request its care team could make, sent by a GP of the second practice. */
  private Response attempt(String operation) {
    String patient = api.publishedPlan(aPlan());
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("whatMattersToMe", "draft")).then().statusCode(200);
    String document = api.attach(patient);
    String path = operation.substring(operation.indexOf(' ') + 1)
        .replace("{nhsNumber}", patient).replace("{version}", "1").replace("{id}", document)
        .replace("{odsCode}", Personas.SECOND_PRACTICE);
    RequestSpecification request = api.as(Personas.SECOND_PRACTICE_GP)
        .header("If-Match", "\"" + (revision + 1) + "\"");
    Object body = switch (operation) {
      case "PUT /plans/{nhsNumber}/draft" -> aPlan().content();
      case "PUT /plans/{nhsNumber}/consent" -> Map.of("basis", "EXPLICIT_CONSENT");
      case "POST /plans/{nhsNumber}/consent/withdrawal" -> Map.of("confirm", true, "reason", "Asked to");
      case "PUT /plans/{nhsNumber}/owner" -> Map.of("organisation", Personas.SECOND_PRACTICE, "reason", "Moved");
      case "POST /plans/{nhsNumber}/corrections" -> Map.of("reason", "The date of birth was wrong");
      default -> null;
    };
    if (operation.equals("POST /plans/{nhsNumber}/attachments")) {
      request = request.contentType("application/pdf").body(ClinicalApi.PDF);
    } else if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.when().request(operation.substring(0, operation.indexOf(' ')), path);
  }
}
