package org.openucp.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the project promises of every service's OpenAPI document: each operation has a summary and an operationId
 * unique in the document (generated clients name their functions after it), declares 401, 403 and 500, and every
 * error response it declares is an RFC 9457 problem.
 */
public final class OpenApiContract {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final List<String> ALWAYS_DECLARED = List.of("401", "403", "500");

  private OpenApiContract() {
  }

  /** Every breach of the contract in the document, one line each; empty when it holds. */
  public static List<String> breaches(String openApiJson) {
    JsonNode document;
    try {
      document = new ObjectMapper().readTree(openApiJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> breaches = new ArrayList<>();
    Map<String, String> operationIds = new HashMap<>();
    if (document.path("paths").isEmpty()) {
      breaches.add("the document has no operations");
    }
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          String name = operation.getKey().toUpperCase() + " " + path.getKey();
          check(name, operation.getValue(), breaches);
          String id = operation.getValue().path("operationId").asText();
          String first = id.isBlank() ? null : operationIds.putIfAbsent(id, name);
          if (first != null) {
            breaches.add(name + " has operationId " + id + ", as " + first + " has");
          }
        }
      }
    }
    return breaches;
  }

  private static void check(String name, JsonNode operation, List<String> breaches) {
    if (operation.path("summary").asText().isBlank()) {
      breaches.add(name + " has no summary");
    }
    if (operation.path("operationId").asText().isBlank()) {
      breaches.add(name + " has no operationId");
    }
    JsonNode responses = operation.path("responses");
    ALWAYS_DECLARED.stream().filter(code -> !responses.has(code))
        .forEach(code -> breaches.add(name + " does not declare " + code));
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
      if (error && !response.getValue().path("content").has("application/problem+json")) {
        breaches.add(name + " declares " + response.getKey() + " without application/problem+json");
      }
    }
  }
}
