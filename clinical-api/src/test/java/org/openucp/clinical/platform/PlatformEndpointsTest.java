package org.openucp.clinical.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.infra.OpenApiContract;

@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PlatformEndpointsTest {

  @Test
  void shouldReportLiveness() {
    given().basePath("/").when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldReportReadinessIncludingTheDatabase() {
    given().basePath("/").when().get("/q/health/ready")
        .then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
  }

  @Test
  void shouldDocumentEveryOperationWithItsProblemResponses() {
    String document = given().basePath("/").queryParam("format", "json").when().get("/q/openapi")
        .then().statusCode(200).extract().asString();

    assertThat(OpenApiContract.breaches(document)).isEmpty();
    assertThat(document).contains("/intake/submitted-drafts");
  }

  @Test
  void shouldNameTheIssuersDiscoveryDocumentSoThatSwaggerUiCanSignIn() {
    String discovery = given().basePath("/").queryParam("format", "json").when().get("/q/openapi")
        .then().statusCode(200)
        .body("components.securitySchemes.cis2.type", equalTo("openIdConnect"))
        .extract().path("components.securitySchemes.cis2.openIdConnectUrl");

    // The running service's own issuer, not the local one the document was built with.
    String issuer = given().when().get(discovery).then().statusCode(200).extract().path("issuer");
    assertThat(discovery).isEqualTo(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration");
  }

  @Test
  void shouldServeSwaggerUiOnlyWhereSwitchedOn() {
    given().basePath("/").when().get("/q/swagger-ui/").then().statusCode(swaggerUiStatus());
  }

  /** The tests switch Swagger UI on; production does not unless told to. */
  int swaggerUiStatus() {
    return 200;
  }

  @Test
  void shouldAnswerAnUnknownAddressWithAProblem() {
    given().when().get("/no-such-thing")
        .then().statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }
}
