package org.openucp.web.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the HTTP headers of the version and creation rules once: the {@code ETag} and {@code Location} response
 * headers that operations refer to ({@code @Header(ref = "ETag")}), and {@code If-Match}: required wherever an
 * operation answers 428 without it, unless the operation describes when it is needed (a conditional requirement),
 * optional elsewhere.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class HttpContractFilter implements OASFilter {

  static final String IF_MATCH = "If-Match";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents()
        .addHeader("ETag", header("The version of the resource as returned (a strong entity tag): send it back in "
            + "If-Match to change the resource"))
        .addHeader("Location", header("The address of the resource created"));
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().values()
        .forEach(item -> item.getOperations().values().forEach(HttpContractFilter::requireIfMatch));
  }

  private static void requireIfMatch(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    boolean required = operation.getResponses() != null && operation.getResponses().hasAPIResponse("428");
    operation.getParameters().stream()
        .filter(parameter -> parameter.getIn() == Parameter.In.HEADER && IF_MATCH.equalsIgnoreCase(parameter.getName()))
        .filter(parameter -> parameter.getDescription() == null || parameter.getDescription().isBlank())
        .forEach(parameter -> {
          if (required) {
            parameter.required(true).description(
                "The ETag of the version you last read: 428 without it, 412 when someone changed it since");
          } else {
            parameter.description("Optional: the ETag of the version you last read, to get 412 rather than change "
                + "a version you have not seen");
          }
        });
  }

  private static Header header(String description) {
    return OASFactory.createHeader().description(description)
        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
  }
}
