package org.openucp.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local issuer's authorization code flow with PKCE, as a browser app uses it. */
class AuthorizationCodeFlowTest {

  private static final String APP = "http://localhost:5999";
  private static final String REDIRECT = APP + "/signed-in";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXkLongEnoughVerifier";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static LocalIssuer issuer;

  @BeforeAll
  static void start() {
    issuer = LocalIssuer.start(0, Personas.ALL, Set.of(REDIRECT));
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void shouldAdvertiseCodeFlowWithS256InDiscovery() throws Exception {
    JsonNode discovery = JSON.readTree(get(issuer.issuerUrl("cis2") + "/.well-known/openid-configuration").body());
    assertEquals(issuer.issuerUrl("cis2") + "/authorize", discovery.get("authorization_endpoint").asText());
    assertEquals("[\"S256\"]", discovery.get("code_challenge_methods_supported").toString());
    assertTrue(discovery.get("grant_types_supported").toString().contains("authorization_code"));
  }

  @Test
  void shouldShowOnlyTheIssuersPeopleOnTheChooserPage() throws Exception {
    HttpResponse<String> page = get(authorizeUrl("nhslogin", AuthorizationCodeFlow.s256(VERIFIER), "S256"));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<html lang=\"en\""));
    assertTrue(page.body().contains("value=\"patient\""));
    assertTrue(page.body().contains("value=\"second-patient\""));
    assertTrue(!page.body().contains("value=\"gp\"") && !page.body().contains("value=\"portal-service\""));
  }

  @Test
  void shouldExchangeACodeWithTheRightVerifierForThePersonasToken() throws Exception {
    String code = codeFor("cis2", "paramedic", AuthorizationCodeFlow.s256(VERIFIER));
    HttpResponse<String> exchanged = exchange("cis2", code, VERIFIER);
    assertEquals(200, exchanged.statusCode(), exchanged.body());
    JsonNode body = JSON.readTree(exchanged.body());
    JsonNode claims = claims(body.get("access_token").asText());
    assertEquals(issuer.issuerUrl("cis2"), claims.get("iss").asText());
    assertEquals("555000000004", claims.get("sub").asText());
    assertEquals("openucp-clinical", claims.get("aud").isArray() ? claims.get("aud").get(0).asText()
        : claims.get("aud").asText());
    assertTrue(claims.get("nhsid_nrbac_roles").toString().contains("R1070"));
    assertEquals("Bearer", body.get("token_type").asText());
    assertEquals(APP, exchanged.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
  }

  @Test
  void shouldRefuseAWrongVerifier() throws Exception {
    String code = codeFor("nhslogin", "patient", AuthorizationCodeFlow.s256(VERIFIER));
    HttpResponse<String> refused = exchange("nhslogin", code, VERIFIER.replace('d', 'e'));
    assertEquals(400, refused.statusCode());
    assertEquals("invalid_grant", JSON.readTree(refused.body()).get("error").asText());
  }

  @Test
  void shouldRefuseAMissingVerifier() throws Exception {
    String code = codeFor("nhslogin", "patient", AuthorizationCodeFlow.s256(VERIFIER));
    HttpResponse<String> refused = exchange("nhslogin", code, null);
    assertEquals(400, refused.statusCode());
    assertEquals("invalid_request", JSON.readTree(refused.body()).get("error").asText());
  }

  @Test
  void shouldRefuseACodeUsedBefore() throws Exception {
    String code = codeFor("cis2", "gp", AuthorizationCodeFlow.s256(VERIFIER));
    assertEquals(200, exchange("cis2", code, VERIFIER).statusCode());
    HttpResponse<String> again = exchange("cis2", code, VERIFIER);
    assertEquals(400, again.statusCode());
    assertEquals("invalid_grant", JSON.readTree(again.body()).get("error").asText());
  }

  @Test
  void shouldNotLetAFailedExchangeBeRetriedWithTheRightVerifier() throws Exception {
    String code = codeFor("cis2", "gp", AuthorizationCodeFlow.s256(VERIFIER));
    assertEquals(400, exchange("cis2", code, VERIFIER + "x").statusCode());
    assertEquals(400, exchange("cis2", code, VERIFIER).statusCode());
  }

  @Test
  void shouldRefuseAuthorizationWithoutPkceOrWithPlain() throws Exception {
    for (String method : new String[] {null, "plain"}) {
      HttpResponse<String> answer = get(authorizeUrl("cis2", method == null ? null : VERIFIER, method));
      assertEquals(302, answer.statusCode());
      String location = answer.headers().firstValue("Location").orElseThrow();
      assertTrue(location.startsWith(REDIRECT + "?") && location.contains("error=invalid_request"), location);
      assertTrue(location.endsWith("state=s1"), location);
    }
  }

  @Test
  void shouldRefuseAnUnregisteredRedirectUri() throws Exception {
    String url = issuer.issuerUrl("cis2") + "/authorize?response_type=code&client_id=web&redirect_uri="
        + enc("https://evil.example/cb") + "&code_challenge=" + AuthorizationCodeFlow.s256(VERIFIER)
        + "&code_challenge_method=S256";
    assertEquals(400, get(url).statusCode());
  }

  @Test
  void shouldStillServeClientCredentialsTokens() throws Exception {
    HttpResponse<String> answer = post(issuer.tokenEndpoint("cis2"),
        form(Map.of("grant_type", "client_credentials", "client_id", "gp", "client_secret", "demo")));
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(claims(JSON.readTree(answer.body()).get("access_token").asText()).toString().contains("R0260"));
  }

  private static String codeFor(String issuerId, String persona, String challenge) throws Exception {
    assertEquals(200, get(authorizeUrl(issuerId, challenge, "S256")).statusCode());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("response_type", "code");
    form.put("client_id", "openucp-web");
    form.put("redirect_uri", REDIRECT);
    form.put("state", "s1");
    form.put("code_challenge", challenge);
    form.put("code_challenge_method", "S256");
    form.put("persona", persona);
    HttpResponse<String> chosen = post(issuer.issuerUrl(issuerId) + "/authorize", form(form));
    assertEquals(302, chosen.statusCode(), chosen.body());
    URI location = URI.create(chosen.headers().firstValue("Location").orElseThrow());
    assertEquals(REDIRECT, location.getScheme() + "://" + location.getAuthority() + location.getPath());
    Map<String, String> query = java.util.Arrays.stream(location.getQuery().split("&"))
        .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
    assertEquals("s1", query.get("state"));
    return query.get("code");
  }

  private static HttpResponse<String> exchange(String issuerId, String code, String verifier) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("client_id", "openucp-web");
    form.put("redirect_uri", REDIRECT);
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint(issuerId)))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", APP)
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String authorizeUrl(String issuerId, String challenge, String method) {
    StringBuilder url = new StringBuilder(issuer.issuerUrl(issuerId)).append("/authorize?response_type=code")
        .append("&client_id=openucp-web&state=s1&redirect_uri=").append(enc(REDIRECT));
    if (challenge != null) {
      url.append("&code_challenge=").append(enc(challenge));
    }
    if (method != null) {
      url.append("&code_challenge_method=").append(method);
    }
    return url.toString();
  }

  private static JsonNode claims(String jwt) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String form) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

}
