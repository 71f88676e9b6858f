package org.openucp.clinical.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** Proves that only valid CIS2-shaped tokens from the trusted issuer get past the door. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class StaffAuthenticationTest {

  private static final String INBOX = "/intake/submitted-drafts";

  @LocalInfra
  LocalIssuer issuer;

  @BeforeEach
  void onboardTheDemoOrganisations() {
    Onboarded.demoOrganisations(issuer);
  }

  @Test
  void shouldLetAGpWithASmartcardTokenReadTheInbox() {
    given().auth().oauth2(issuer.token(Personas.GP))
        .when().get(INBOX)
        .then().statusCode(200);
  }

  @Test
  void shouldAcceptTheReadAssuranceOfA111CallHandler() {
    given().auth().oauth2(issuer.token(Personas.CALL_HANDLER_111))
        .when().get("/plans/" + Personas.SECOND_PATIENT_NHS_NUMBER)
        .then().statusCode(404)
        .body("title", equalTo("Not found"));
  }

  @Test
  void shouldRejectARequestWithoutATokenWithAProblem() {
    given().when().get(INBOX)
        .then().statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .contentType("application/problem+json")
        .body("status", equalTo(401));
  }

  @Test
  void shouldAskForASmartcardSignInBeforeAWriteButLetTheSameUserRead() {
    Persona gpWithoutSmartcard = Personas.GP.withClaim("acr", "AAL2_OR_AAL3_ANY");

    given().auth().oauth2(issuer.token(gpWithoutSmartcard))
        .contentType("application/json")
        .body(Map.of("nhsNumber", Personas.SECOND_PATIENT_NHS_NUMBER, "content", Map.of(),
            "consent", Map.of("basis", "EXPLICIT_CONSENT")))
        .when().post("/plans")
        .then().statusCode(401)
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("AAL3_ANY"))
        .contentType("application/problem+json");
    given().auth().oauth2(issuer.token(gpWithoutSmartcard))
        .when().get("/plans/" + Personas.SECOND_PATIENT_NHS_NUMBER)
        .then().statusCode(404);
  }

  @Test
  void shouldRejectAnExpiredToken() {
    rejected(issuer.token(Personas.GP, -300));
  }

  @Test
  void shouldRejectATokenFromAnotherIssuer() {
    rejected(issuer.tokenFromIssuer(Persona.PATIENT_ISSUER, Personas.GP, 3600));
  }

  @Test
  void shouldRejectATokenForAnotherAudience() {
    rejected(issuer.token(Personas.GP.withAudience(Persona.PORTAL_AUDIENCE)));
  }

  @Test
  void shouldRejectATokenWhoseClaimsWereChangedAfterSigning() {
    String[] parts = issuer.token(Personas.CLINICAL_ADMIN).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("R8008", "R0260");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    rejected(forged);
  }

  @Test
  void shouldRejectATokenCarryingAnotherTokensSignature() {
    String[] parts = issuer.token(Personas.GP).split("\\.");
    String otherSignature = issuer.token(Personas.COMMUNITY_NURSE).split("\\.")[2];

    rejected(parts[0] + "." + parts[1] + "." + otherSignature);
  }

  @Test
  void shouldRejectAnotherSignatureOnATokenAlreadyAccepted() {
    String accepted = issuer.token(Personas.GP);
    accepted(accepted);
    String[] parts = accepted.split("\\.");

    rejected(parts[0] + "." + parts[1] + "." + issuer.token(Personas.GP).split("\\.")[2]);
    accepted(accepted);
  }

  @Test
  void shouldRejectChangedClaimsUnderTheSignatureOfATokenAlreadyAccepted() {
    String accepted = issuer.token(Personas.GP);
    accepted(accepted);
    String[] parts = accepted.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("R0260", "R8008");

    rejected(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
  }

  @Test
  void shouldRejectUsernameAndPasswordAssurance() {
    rejected(issuer.token(Personas.GP.withClaim("acr", "AAL1_USERPASS")));
  }

  @Test
  void shouldRejectATokenWithoutAssurance() {
    rejected(issuer.token(Personas.GP.withClaim("acr", "")));
  }

  @Test
  void shouldRejectATokenWhoseSelectedRoleIsNotAmongTheUsersRoles() {
    rejected(issuer.token(Personas.GP.withClaim("selected_roleid", "999999999999")));
  }

  @Test
  void shouldRejectARoleWithoutAValidOrganisationCode() {
    Map<String, Object> role = Map.of("person_roleid", "555000000001", "org_code", "??",
        "role_code", "S8000:G8000:R0260");
    rejected(issuer.token(Personas.GP.withClaim("selected_roleid", "555000000001")
        .withClaim("nhsid_nrbac_roles", List.of(role))));
  }

  @Test
  void shouldRejectAServiceClientThatIsNotConfigured() {
    rejected(issuer.token(Persona.service("rogue-service", "Not configured", "draft-intake")));
  }

  @Test
  void shouldForbidAServiceTokenFromReadingPatientsDrafts() {
    given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE))
        .when().get(INBOX)
        .then().statusCode(403)
        .contentType("application/problem+json");
  }

  private static void accepted(String token) {
    given().auth().oauth2(token)
        .when().get(INBOX)
        .then().statusCode(200);
  }

  private static void rejected(String token) {
    given().auth().oauth2(token)
        .when().get(INBOX)
        .then().statusCode(401)
        .contentType("application/problem+json")
        .body("title", equalTo("Sign in required"));
  }
}
