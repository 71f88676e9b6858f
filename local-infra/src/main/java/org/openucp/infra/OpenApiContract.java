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
import java.util.regex.Pattern;

/**
 * What the project promises of every service's OpenAPI document, so that a client generated from it can be used
 * whole:
 * <ul>
 *   <li>each operation has a summary and an operationId unique in the document (generated clients name their
 *       functions after it), declares 401, 403, 500 and 503, and every error response it declares is an RFC 9457 problem;
 *   <li>every successful response with a body names its schema: JSON bodies a component schema ({@code $ref}, or
 *       an array of one in a request) that is neither empty nor Jackson's {@code JsonNode}, binary bodies a string;
 *       every JSON request body too;
 *   <li>no response is a bare JSON array: every list answers one page, {@code {items, total, links}} (README, "Lists");
 *   <li>an operation that answers 428 takes {@code If-Match}, required (or described when it is needed only
 *       sometimes); every {@code If-Match} and {@code Idempotency-Key} is described;
 *   <li>component schemas have stable names (not a name with a number appended because two types shared it).
 * </ul>
 */
public final class OpenApiContract {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final List<String> ALWAYS_DECLARED = List.of("401", "403", "500", "503");
  private static final Set<String> MEANINGLESS_SCHEMAS = Set.of("JsonNode", "ObjectNode", "ArrayNode", "Object");
  private static final Pattern JSON = Pattern.compile("application/(.+\\+)?json");
  private static final String SCHEMAS = "#/components/schemas/";

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
    JsonNode schemas = document.path("components").path("schemas");
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          String name = operation.getKey().toUpperCase() + " " + path.getKey();
          check(name, operation.getValue(), schemas, breaches);
          String id = operation.getValue().path("operationId").asText();
          String first = id.isBlank() ? null : operationIds.putIfAbsent(id, name);
          if (first != null) {
            breaches.add(name + " has operationId " + id + ", as " + first + " has");
          }
        }
      }
    }
    schemas.fieldNames().forEachRemaining(schema -> {
      if (schema.matches(".*[A-Za-z]\\d+")) {
        breaches.add("schema " + schema + " is named after another type of the same name: give it its own name");
      }
    });
    return breaches;
  }

  private static void check(String name, JsonNode operation, JsonNode schemas, List<String> breaches) {
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
      String code = response.getKey();
      boolean error = code.startsWith("4") || code.startsWith("5");
      if (error && !response.getValue().path("content").has("application/problem+json")) {
        breaches.add(name + " declares " + code + " without application/problem+json");
      }
      if (code.startsWith("2")) {
        checkBody(name + " " + code + " response", code.equals("204"), response.getValue(), schemas, breaches);
        checkNotABareList(name + " " + code + " response", response.getValue(), breaches);
      }
    }
    if (operation.has("requestBody")) {
      checkBody(name + " request body", false, operation.path("requestBody"), schemas, breaches);
    }
    checkHeaders(name, operation, breaches);
  }

  private static void checkNotABareList(String name, JsonNode response, List<String> breaches) {
    for (Map.Entry<String, JsonNode> media : response.path("content").properties()) {
      if (JSON.matcher(media.getKey()).matches() && "array".equals(media.getValue().path("schema").path("type").asText())) {
        breaches.add(name + " (" + media.getKey() + ") is a bare array: answer a page (items, total, links)");
      }
    }
  }

  private static void checkBody(String name, boolean noContent, JsonNode body, JsonNode schemas,
      List<String> breaches) {
    JsonNode content = body.path("content");
    if (noContent || content.isEmpty()) {
      if (!noContent) {
        breaches.add(name + " has no content: name its schema, or answer 204");
      }
      return;
    }
    for (Map.Entry<String, JsonNode> media : content.properties()) {
      JsonNode schema = media.getValue().path("schema");
      if (JSON.matcher(media.getKey()).matches()) {
        // A request may send a list whole (a roster), as an array of a named schema.
        String ref = "array".equals(schema.path("type").asText()) ? schema.path("items").path("$ref").asText()
            : schema.path("$ref").asText();
        if (!ref.startsWith(SCHEMAS)) {
          breaches.add(name + " (" + media.getKey() + ") has no named schema");
          continue;
        }
        String target = ref.substring(SCHEMAS.length());
        JsonNode named = schemas.path(target);
        boolean empty = named.path("properties").isEmpty() && !named.has("enum") && !named.has("allOf")
            && !named.has("oneOf") && !named.has("items") && !named.has("additionalProperties");
        if (MEANINGLESS_SCHEMAS.contains(target) || named.isMissingNode() || empty) {
          breaches.add(name + " (" + media.getKey() + ") names " + target + ", which says nothing of its members");
        }
      } else if (!"string".equals(schema.path("type").asText())) {
        breaches.add(name + " (" + media.getKey() + ") is not described as a string or binary");
      }
    }
  }

  private static void checkHeaders(String name, JsonNode operation, List<String> breaches) {
    JsonNode ifMatch = null;
    for (JsonNode parameter : operation.path("parameters")) {
      if (!"header".equals(parameter.path("in").asText())) {
        continue;
      }
      String header = parameter.path("name").asText();
      if (header.equalsIgnoreCase("If-Match")) {
        ifMatch = parameter;
      }
      if ((header.equalsIgnoreCase("If-Match") || header.equalsIgnoreCase("Idempotency-Key"))
          && parameter.path("description").asText().isBlank()) {
        breaches.add(name + " takes " + header + " without saying what to send");
      }
    }
    if (operation.path("responses").has("428")) {
      if (ifMatch == null) {
        breaches.add(name + " answers 428 but does not take If-Match");
      } else if (!ifMatch.path("required").asBoolean() && !ifMatch.path("description").asText().startsWith("Only")) {
        breaches.add(name + " answers 428 without If-Match but does not mark it required (or say when it is)");
      }
    }
  }
}
