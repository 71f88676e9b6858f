package org.openucp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each promise of the contract is broken once, in the smallest document that shows it. */
class OpenApiContractTest {

  // Every error response the contract may require of all operations (503 on main since the database-outage work).
  private static final String ERRORS = """
      "401": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "403": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "500": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "503": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}""";
  private static final String SCHEMAS = """
      "components": {"schemas": {
        "Problem": {"type": "object", "properties": {"title": {"type": "string"}}},
        "DraftView": {"type": "object", "properties": {"revision": {"type": "integer"}}},
        "JsonNode": {"type": "object", "properties": {"empty": {"type": "boolean"}}},
        "Nothing": {"type": "object"}%s}}""";

  private static String document(String operations, String extraSchemas) {
    return "{\"paths\": {" + operations + "}, " + SCHEMAS.formatted(extraSchemas) + "}";
  }

  private static String operation(String path, String method, String id, String parameters, String responses) {
    return "\"" + path + "\": {\"" + method + "\": {\"summary\": \"Do it\""
        + (id == null ? "" : ", \"operationId\": \"" + id + "\"") + ", \"parameters\": [" + parameters + "], "
        + "\"responses\": {" + responses + (responses.isEmpty() ? "" : ", ") + ERRORS + "}}}";
  }

  private static final String DRAFT = """
      "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/DraftView"}}}}""";

  @Test
  void shouldHoldForAWellDescribedOperation() {
    String ifMatch = "{\"name\": \"If-Match\", \"in\": \"header\", \"required\": true, \"description\": \"ETag\"}";
    String precondition = ", \"428\": {\"content\": {\"application/problem+json\": {\"schema\": "
        + "{\"$ref\": \"#/components/schemas/Problem\"}}}}";

    assertThat(OpenApiContract.breaches(document(
        operation("/drafts/{id}", "put", "saveDraft", ifMatch, DRAFT + precondition), ""))).isEmpty();
  }

  @Test
  void shouldNameAMissingOrRepeatedOperationId() {
    String operations = operation("/a", "get", null, "", DRAFT) + ", " + operation("/b", "get", "read", "", DRAFT)
        + ", " + operation("/c", "get", "read", "", DRAFT);

    assertThat(OpenApiContract.breaches(document(operations, ""))).containsExactlyInAnyOrder(
        "GET /a has no operationId", "GET /c has operationId read, as GET /b has");
  }

  @Test
  void shouldRefuseJsonBodiesWithoutAMeaningfulNamedSchema() {
    String inline = "\"200\": {\"content\": {\"application/json\": {\"schema\": {\"type\": \"object\"}}}}";
    String node = "\"200\": {\"content\": {\"application/json\": {\"schema\": "
        + "{\"$ref\": \"#/components/schemas/JsonNode\"}}}}";
    String empty = "\"201\": {\"content\": {\"application/json\": {\"schema\": "
        + "{\"$ref\": \"#/components/schemas/Nothing\"}}}}";
    String none = "\"201\": {\"description\": \"Created\"}";
    String pdfAsJson = "\"200\": {\"content\": {\"application/pdf\": {\"schema\": {}}}}";

    assertThat(OpenApiContract.breaches(document(operation("/a", "get", "a", "", inline) + ", "
        + operation("/b", "get", "b", "", node) + ", " + operation("/c", "post", "c", "", empty) + ", "
        + operation("/d", "post", "d", "", none) + ", " + operation("/e", "get", "e", "", pdfAsJson), "")))
        .containsExactlyInAnyOrder(
            "GET /a 200 response (application/json) has no named schema",
            "GET /b 200 response (application/json) names JsonNode, which says nothing of its members",
            "POST /c 201 response (application/json) names Nothing, which says nothing of its members",
            "POST /d 201 response has no content: name its schema, or answer 204",
            "GET /e 200 response (application/pdf) is not described as a string or binary");
  }

  @Test
  void shouldRefuseAListAnsweredAsABareArray() {
    String bareList = "\"200\": {\"content\": {\"application/json\": {\"schema\": "
        + "{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/DraftView\"}}}}}";

    assertThat(OpenApiContract.breaches(document(operation("/drafts", "get", "listDrafts", "", bareList), "")))
        .containsExactly("GET /drafts 200 response (application/json) is a bare array: answer a page (items, total, "
            + "links)");
  }

  @Test
  void shouldRequireIfMatchWhereTheServerAnswers428WithoutIt() {
    String precondition = DRAFT + ", \"428\": {\"content\": {\"application/problem+json\": {\"schema\": "
        + "{\"$ref\": \"#/components/schemas/Problem\"}}}}";
    String optional = "{\"name\": \"If-Match\", \"in\": \"header\", \"description\": \"The ETag\"}";

    assertThat(OpenApiContract.breaches(document(operation("/a", "put", "a", optional, precondition) + ", "
        + operation("/b", "put", "b", "", precondition), ""))).containsExactlyInAnyOrder(
            "PUT /a answers 428 without If-Match but does not mark it required (or say when it is)",
            "PUT /b answers 428 but does not take If-Match");
  }

  @Test
  void shouldRefuseASchemaNamedWithANumberAppended() {
    assertThat(OpenApiContract.breaches(document(operation("/a", "get", "a", "", DRAFT),
        ", \"Status1\": {\"type\": \"string\", \"enum\": [\"OPEN\"]}")))
        .containsExactly("schema Status1 is named after another type of the same name: give it its own name");
  }
}
