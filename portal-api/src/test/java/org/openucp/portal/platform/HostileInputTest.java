package org.openucp.portal.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.HostileInputs;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;

/**
 * Bad input gets a clear 4xx problem and changes nothing: whatever a caller sends to any operation of the portal
 * API, the answer is never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class HostileInputTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @BeforeEach
  @AfterEach
  void withoutDraftsOrProxies() {
    PortalDatabase tables = new PortalDatabase(database);
    tables.deleteAllDrafts();
    tables.deleteAll("submission_receipt");
    tables.deleteAll("proxy_attempt");
    tables.deleteAll("proxy_invitation");
  }

  @Test
  void shouldRefuseNulInAnyTextFieldNamingTheField() {
    given().auth().oauth2(issuer.token(Personas.PATIENT)).contentType(ContentType.JSON)
        .body(aDraft().with("keySupporter", Map.of("name", "Mary\u0000 Smith", "relationship", "Daughter")).body())
        .when().post("/drafts")
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("keySupporter.name"))
        .body("errors[0].message", containsString("control characters"));

    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/drafts")
        .then().statusCode(200).body("items.size()", equalTo(0));
  }

  @Test
  void shouldRefuseABodyOverTheLimitBeforeReadingIt() {
    given().auth().oauth2(issuer.token(Personas.PATIENT)).contentType(ContentType.JSON)
        .body(aDraft().with("thoughtsAboutFutureCare", "a".repeat(2 * 1024 * 1024)).body())
        .when().post("/drafts")
        .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
  }

  @Test
  void shouldAnswerNoHostileInputToAnyOperationWithA5xx() {
    String token = issuer.token(Personas.PATIENT);
    String draft = given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");

    // A revision that is not the draft's, so that the draft is neither submitted nor discarded on the way.
    HostileInputs inputs = HostileInputs.against(RestAssured.baseURI + ":" + RestAssured.port,
        Map.of("id", draft, "If-Match", "\"99\""),
        Map.of("POST /drafts", aDraft().body(), "PUT /drafts/{id}", aDraft().body()));
    inputs.sendAll(token).sendAll(null);

    assertThat(inputs.sent()).isGreaterThan(500);
    assertThat(inputs.failures()).isEmpty();
  }
}
