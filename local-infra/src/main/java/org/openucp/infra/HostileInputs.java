package org.openucp.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends hostile values to every operation of a service's own OpenAPI document over real HTTP, and collects every
 * answer that is a 5xx: path and query values that are NUL, 100 kB long, of the wrong type or huge; bodies with NUL
 * or 100 kB in each string, each property of the wrong JSON type, not JSON at all, empty, or of the wrong type.
 */
public final class HostileInputs {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String LONG = "a".repeat(100_000);
  private static final List<String> HOSTILE_VALUES = List.of("\u0000", "a\u0000b", LONG, "abc", "-1", "1.5",
      "2147483647", "-2147483648", "99999999999999999999", "%", "'; drop table x; --", "\u202e\uffff");
  private static final List<String> HOSTILE_HEADER_VALUES = List.of("abc", "\"abc\"", "\"99999999999999999999\"",
      "-1", "2147483647", "*", "a".repeat(300), "a".repeat(8_000));
  private static final List<String> OTHER_CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/x-www-form-urlencoded", "application/json", "application/pdf", "text/csv", "nonsense");
  private static final int MAX_DEPTH = 4;

  private final String baseUrl;
  private final JsonNode document;
  private final Map<String, String> goodParameters;
  private final Map<String, JsonNode> sampleBodies;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<String> failures = new ArrayList<>();
  private String token;
  private int sent;

  private HostileInputs(String baseUrl, JsonNode document, Map<String, String> goodParameters,
      Map<String, JsonNode> sampleBodies) {
    this.baseUrl = baseUrl;
    this.document = document;
    this.goodParameters = goodParameters;
    this.sampleBodies = sampleBodies;
  }

  /**
   * For the service at {@code baseUrl}; {@code goodParameters} gives a valid value for a path, query or header
   * parameter by name (so that the other values reach the code behind it), {@code sampleBodies} a valid body by
   * {@code "POST /plans"}; any other body is built from the document's schemas.
   */
  public static HostileInputs against(String baseUrl, Map<String, String> goodParameters,
      Map<String, ?> sampleBodies) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      HttpResponse<String> openApi = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).build(),
          HttpResponse.BodyHandlers.ofString());
      Map<String, JsonNode> samples = new HashMap<>();
      sampleBodies.forEach((operation, body) -> samples.put(operation, mapper.valueToTree(body)));
      return new HostileInputs(baseUrl, mapper.readTree(openApi.body()), goodParameters, samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every operation's hostile requests, sent with this bearer token (or none when null). */
  public HostileInputs sendAll(String bearerToken) {
    this.token = bearerToken;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = operations.next();
        if (METHODS.contains(operation.getKey())) {
          attack(operation.getKey().toUpperCase(), path.getKey(), operation.getValue(), path.getValue());
        }
      }
    }
    return this;
  }

  /** Each request that got a 5xx: method, path, what was hostile about it, and the answer. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** How many requests were sent, to show that the run reached the operations. */
  public int sent() {
    return sent;
  }

  private void attack(String method, String template, JsonNode operation, JsonNode pathItem) {
    List<JsonNode> parameters = new ArrayList<>();
    pathItem.path("parameters").forEach(parameters::add);
    operation.path("parameters").forEach(parameters::add);
    Map<String, String> good = new LinkedHashMap<>();
    for (JsonNode parameter : parameters) {
      String name = parameter.path("name").asText();
      if (goodParameters.containsKey(name)) {
        good.put(name, goodParameters.get(name));
      } else if ("path".equals(parameter.path("in").asText())) {
        good.put(name, sampleOf(resolve(parameter.path("schema")), 0).asText());
      }
    }
    JsonNode content = operation.path("requestBody").path("content");
    String operationName = method + " " + template;
    String bodyType = content.isEmpty() ? null : content.fieldNames().next();
    byte[] goodBody = bodyType == null ? null : goodBody(operationName, bodyType, content.path(bodyType));

    send(method, template, good, Map.of(), bodyType, goodBody, "valid values");
    for (JsonNode parameter : parameters) {
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      for (String value : "header".equals(in) ? HOSTILE_HEADER_VALUES : HOSTILE_VALUES) {
        Map<String, String> values = new LinkedHashMap<>(good);
        values.put(name, value);
        Map<String, String> headers = "header".equals(in) ? Map.of(name, value) : Map.of();
        send(method, template, values, headers, bodyType, goodBody, in + " " + name + "=" + shorten(value));
      }
    }
    if (bodyType == null) {
      send(method, template, good, Map.of(), "application/json", "{\"a\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8),
          "an unexpected JSON body");
      send(method, template, good, Map.of(), "text/plain", "hello".getBytes(StandardCharsets.UTF_8),
          "an unexpected text body");
      return;
    }
    for (String other : OTHER_CONTENT_TYPES) {
      if (!content.has(other)) {
        send(method, template, good, Map.of(), other, goodBody, "content type " + other);
      }
    }
    for (String raw : List.of("", "not json", "{", "[]", "null", "42", "\"text\"", "{\"a\":", "[".repeat(5_000),
        "{\"x\":\"" + LONG + "\"}", "\u0000")) {
      send(method, template, good, Map.of(), bodyType, raw.getBytes(StandardCharsets.UTF_8),
          "body " + shorten(raw));
    }
    if (!bodyType.contains("json")) {
      return;
    }
    JsonNode sample;
    try {
      sample = mapper.readTree(goodBody);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, JsonNode> mutant : mutants(sample, "", 0).entrySet()) {
      send(method, template, good, Map.of(), bodyType, bytes(mutant.getValue()), "body " + mutant.getKey());
    }
  }

  private byte[] goodBody(String operationName, String bodyType, JsonNode media) {
    if (sampleBodies.containsKey(operationName)) {
      return bytes(sampleBodies.get(operationName));
    }
    if (bodyType.contains("json")) {
      return bytes(sampleOf(resolve(media.path("schema")), 0));
    }
    if (bodyType.equals("application/pdf")) {
      return "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }
    return "a,b,c,2026-01-01\n".getBytes(StandardCharsets.UTF_8);
  }

  /** The sample with one value replaced, for each value at each depth: NUL, 100 kB, each wrong JSON type. */
  private Map<String, JsonNode> mutants(JsonNode sample, String at, int depth) {
    Map<String, JsonNode> mutants = new LinkedHashMap<>();
    if (depth > MAX_DEPTH) {
      return mutants;
    }
    if (sample.isObject()) {
      for (Iterator<String> names = sample.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String field = at.isEmpty() ? name : at + "." + name;
        for (Map.Entry<String, JsonNode> replacement : replacements(sample.get(name)).entrySet()) {
          ObjectNode copy = sample.deepCopy();
          copy.set(name, replacement.getValue());
          mutants.put(field + "=" + replacement.getKey(), copy);
        }
        for (Map.Entry<String, JsonNode> inner : mutants(sample.get(name), field, depth + 1).entrySet()) {
          ObjectNode copy = sample.deepCopy();
          copy.set(name, inner.getValue());
          mutants.put(inner.getKey(), copy);
        }
      }
    } else if (sample.isArray() && !sample.isEmpty()) {
      for (Map.Entry<String, JsonNode> inner : mutants(sample.get(0), at + "[0]", depth + 1).entrySet()) {
        ArrayNode copy = sample.deepCopy();
        copy.set(0, inner.getValue());
        mutants.put(inner.getKey(), copy);
      }
    }
    return mutants;
  }

  private static Map<String, JsonNode> replacements(JsonNode value) {
    Map<String, JsonNode> replacements = new LinkedHashMap<>();
    replacements.put("NUL", JSON.textNode("a\u0000b"));
    replacements.put("control character", JSON.textNode("a\u001bb"));
    replacements.put("100 kB", JSON.textNode(LONG));
    replacements.put("null", JSON.nullNode());
    if (!value.isNumber()) {
      replacements.put("99999999999999999999", JSON.numberNode(new java.math.BigInteger("99999999999999999999")));
      replacements.put("-1", JSON.numberNode(-1));
    }
    if (!value.isBoolean()) {
      replacements.put("true", JSON.booleanNode(true));
    }
    if (!value.isArray()) {
      replacements.put("[\"x\"]", JSON.arrayNode().add("x"));
    }
    if (!value.isObject()) {
      replacements.put("{}", JSON.objectNode());
    }
    return replacements;
  }

  private JsonNode sampleOf(JsonNode schema, int depth) {
    if (schema.has("example")) {
      return schema.get("example");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
    String format = schema.path("format").asText();
    return switch (type) {
      case "object" -> {
        ObjectNode object = JSON.objectNode();
        if (depth <= MAX_DEPTH) {
          schema.path("properties").fields().forEachRemaining(property ->
              object.set(property.getKey(), sampleOf(resolve(property.getValue()), depth + 1)));
        }
        yield object;
      }
      case "array" -> depth > MAX_DEPTH ? JSON.arrayNode()
          : JSON.arrayNode().add(sampleOf(resolve(schema.path("items")), depth + 1));
      case "integer", "number" -> JSON.numberNode(1);
      case "boolean" -> JSON.booleanNode(true);
      default -> JSON.textNode(switch (format) {
        case "date" -> "2026-01-01";
        case "date-time" -> "2026-01-01T10:00:00Z";
        case "uuid" -> "00000000-0000-4000-8000-000000000000";
        default -> "x";
      });
    };
  }

  private JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
      return resolve(document.path("components").path("schemas").path(name));
    }
    if (schema.has("allOf")) {
      return resolve(schema.get("allOf").get(0));
    }
    if (schema.has("oneOf")) {
      return resolve(schema.get("oneOf").get(0));
    }
    if (schema.has("anyOf")) {
      return resolve(schema.get("anyOf").get(0));
    }
    return schema;
  }

  private void send(String method, String template, Map<String, String> values, Map<String, String> headers,
      String contentType, byte[] body, String input) {
    StringBuilder path = new StringBuilder(template);
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String placeholder = "{" + value.getKey() + "}";
      String encoded = URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
      int at = path.indexOf(placeholder);
      if (at >= 0) {
        path.replace(at, at + placeholder.length(), encoded);
      } else if (!headers.containsKey(value.getKey()) && !goodHeader(value.getKey())) {
        query.append(query.isEmpty() ? "?" : "&").append(value.getKey()).append('=').append(encoded);
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + query))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Map<String, String> allHeaders = new LinkedHashMap<>();
    if (contentType != null) {
      allHeaders.put("Content-Type", contentType);
    }
    values.forEach((name, value) -> {
      if (goodHeader(name) && !(name.equalsIgnoreCase("Content-Type") && contentType != null)) {
        allHeaders.put(name, value);
      }
    });
    headers.forEach((name, value) -> {
      allHeaders.keySet().removeIf(name::equalsIgnoreCase);
      allHeaders.put(name, value);
    });
    allHeaders.forEach(request::header);
    sent++;
    try {
      HttpResponse<String> response = answer(request.build());
      if (response.statusCode() >= 500) {
        failures.add(method + " " + template + " with " + input + (token == null ? " (no token)" : "")
            + " -> " + response.statusCode() + " " + shorten(response.body()));
      }
    } catch (IOException e) {
      failures.add(method + " " + template + " with " + input + " -> no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Once more on a new connection when the pooled one was closed: after refusing a request unread (a 414 or a 413)
   * the server closes its connection, which the client may already have picked for the next request.
   */
  private HttpResponse<String> answer(HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedUnderneath) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private boolean goodHeader(String name) {
    for (JsonNode pathItem : document.path("paths")) {
      for (JsonNode operation : pathItem) {
        for (JsonNode parameter : operation.path("parameters")) {
          if (name.equals(parameter.path("name").asText()) && "header".equals(parameter.path("in").asText())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shorten(String text) {
    String printable = text.replace("\u0000", "\\0").replace("\n", " ");
    return printable.length() > 120 ? printable.substring(0, 60) + "…(" + printable.length() + " chars)" : printable;
  }
}
