package org.openucp.web.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.openucp.web.problem.Problem;

/**
 * Makes the documented error contract match the real one: every error response is {@code application/problem+json}
 * with the {@code Problem} schema, and every operation declares 401, 403, 500 and 503, which any of them can return.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

  private static final String PROBLEM_REF = "#/components/schemas/Problem";
  private static final Map<String, String> ALWAYS_POSSIBLE = Map.of(
      "401", "No valid bearer token",
      "403", "The caller's role or organisation does not allow this",
      "500", "Unexpected error; nothing was changed",
      "503", "The database cannot be reached just now (database-unavailable): try again after Retry-After seconds");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
    openAPI.getComponents().addSchema("Problem", problemSchema());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::complete));
  }

  private void complete(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    for (Map.Entry<String, String> always : ALWAYS_POSSIBLE.entrySet()) {
      if (!responses.hasAPIResponse(always.getKey())) {
        responses.addAPIResponse(always.getKey(), OASFactory.createAPIResponse().description(always.getValue()));
      }
    }
    responses.getAPIResponses().forEach((code, response) -> {
      if (code.startsWith("4") || code.startsWith("5")) {
        asProblem(response);
      }
    });
  }

  private static void asProblem(APIResponse response) {
    response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
  }

  /** One invalid field of a 400, named as the caller sent it ({@code keySupporter.phone}). */
  private static Schema fieldErrorSchema() {
    Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
        .addProperty("field", text).addProperty("message", text);
  }

  private static Schema problemSchema() {
    Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    Schema fieldError = OASFactory.createSchema().ref("#/components/schemas/FieldError");
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("RFC 9457 problem details")
        .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
        .addProperty("title", text)
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
        .addProperty("detail", text)
        .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
  }
}
