package org.openucp.clinical.support;

import static org.openucp.clinical.support.Plans.aPlan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * Every operation under a patient's plan, read from the OpenAPI document, and each sent as its care team would send
 * it: for the walks that prove a rule holds for every operation, including one added later.
 */
public final class PlanOperations {

  private PlanOperations() {
  }

  /** A published plan with an open draft and an attached document, to send operations against. */
  public record Target(String patient, long revision, String document) {
  }

  /** "METHOD /plans/{nhsNumber}…" for every operation the API documents under a plan. */
  public static List<String> all() {
    try {
      JsonNode paths = new ObjectMapper()
          .readTree(RestAssured.given().basePath("/").get("/q/openapi?format=json").asString()).path("paths");
      // The document's paths begin with the API version, which RestAssured's base path already adds.
      String version = ClinicalApi.versionPath();
      List<String> operations = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> path = it.next();
        if (path.getKey().startsWith(version + "/plans/{nhsNumber}")) {
          path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " "
              + path.getKey().substring(version.length())));
        }
      }
      return operations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A published plan of its own with a draft open on it and a document attached. */
  public static Target target(ClinicalApi api) {
    String patient = api.publishedPlan(aPlan());
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("whatMattersToMe", "draft")).then().statusCode(200);
    return new Target(patient, revision + 1, api.attach(patient));
  }

  /** The operation on the target, with a request its care team could make, sent by {@code who}. */
  public static Response send(ClinicalApi api, Persona who, String operation, Target target) {
    String path = operation.substring(operation.indexOf(' ') + 1)
        .replace("{nhsNumber}", target.patient()).replace("{version}", "1").replace("{id}", target.document())
        .replace("{odsCode}", Personas.SECOND_PRACTICE);
    RequestSpecification request = api.as(who).header("If-Match", "\"" + target.revision() + "\"");
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
