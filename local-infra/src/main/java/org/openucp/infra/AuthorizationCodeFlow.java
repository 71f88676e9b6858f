package org.openucp.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.http.WellKnown;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256 only) for the local issuer's personas, so that the
 * reference web apps sign in the way a browser app signs in to CIS2 or NHS login: {@code GET /{issuer}/authorize}
 * shows a page to choose a persona of that issuer, its form answers with a redirect carrying a single-use code, and
 * {@code POST /{issuer}/token} exchanges the code and its verifier for the persona's usual signed tokens.
 *
 * <p>Only registered redirect URIs are accepted, a code lives one minute and is consumed by its first exchange
 * (good or bad), and a missing, {@code plain} or wrong verifier is refused. Local use only: anyone who can reach
 * the page can pick any persona.
 */
final class AuthorizationCodeFlow implements Route {

  static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<Persona>> personasByIssuer;
  private final Set<String> redirectUris;
  private final BiFunction<Persona, String, Map<String, String>> tokens;
  private final Clock clock;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** {@code tokens} mints the persona's tokens; its second argument is the client id, the ID token's audience. */
  AuthorizationCodeFlow(Map<String, List<Persona>> personasByIssuer, Set<String> redirectUris,
      BiFunction<Persona, String, Map<String, String>> tokens, Clock clock) {
    this.personasByIssuer = personasByIssuer;
    this.redirectUris = Set.copyOf(redirectUris);
    this.tokens = tokens;
    this.clock = clock;
  }

  private record Grant(Persona persona, String clientId, String redirectUri, String challenge, Instant expires) {
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    List<String> path = request.getUrl().pathSegments();
    if (path.size() < 2 || !personasByIssuer.containsKey(path.get(0))) {
      return false;
    }
    String last = path.get(path.size() - 1);
    return switch (request.getMethod()) {
      case "GET" -> "authorize".equals(last) && path.size() == 2
          || path.size() == 3 && ".well-known".equals(path.get(1)) && "openid-configuration".equals(last);
      case "POST" -> path.size() == 2 && ("authorize".equals(last)
          || "token".equals(last) && "authorization_code".equals(request.getFormParameters().get("grant_type")));
      default -> false;
    };
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    List<String> path = request.getUrl().pathSegments();
    String issuer = path.get(0);
    if ("openid-configuration".equals(path.get(path.size() - 1))) {
      return discovery(request);
    }
    if ("token".equals(path.get(1))) {
      return exchange(issuer, request);
    }
    return "GET".equals(request.getMethod()) ? chooser(issuer, request) : authorize(issuer, request);
  }

  /** The usual discovery document, saying that codes need PKCE with S256. */
  private OAuth2HttpResponse discovery(OAuth2HttpRequest request) {
    WellKnown known = request.toWellKnown();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", known.getIssuer());
    document.put("authorization_endpoint", known.getAuthorizationEndpoint());
    document.put("token_endpoint", known.getTokenEndpoint());
    document.put("userinfo_endpoint", known.getUserInfoEndpoint());
    document.put("jwks_uri", known.getJwksUri());
    document.put("end_session_endpoint", known.getEndSessionEndpoint());
    document.put("introspection_endpoint", known.getIntrospectionEndpoint());
    document.put("revocation_endpoint", known.getRevocationEndpoint());
    document.put("response_types_supported", List.of("code"));
    document.put("response_modes_supported", List.of("query"));
    document.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
    document.put("subject_types_supported", known.getSubjectTypesSupported());
    document.put("id_token_signing_alg_values_supported", known.getIdTokenSigningAlgValuesSupported());
    document.put("code_challenge_methods_supported", List.of("S256"));
    document.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_post", "client_secret_basic"));
    return json(200, document, null);
  }

  private OAuth2HttpResponse chooser(String issuer, OAuth2HttpRequest request) {
    HttpUrl url = request.getUrl();
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "scope", "code_challenge",
        "code_challenge_method", "response_type")) {
      String value = url.queryParameter(name);
      if (value != null) {
        params.put(name, value);
      }
    }
    String redirectUri = params.get("redirect_uri");
    if (redirectUri == null || !redirectUris.contains(redirectUri) || params.get("client_id") == null) {
      return page(400, "Sign-in refused", "<p>This application's address (<code>redirect_uri</code>) is not "
          + "registered with the local issuer, or it sent no <code>client_id</code>.</p>");
    }
    String refusal = refusal(params);
    if (refusal != null) {
      return redirect(redirectUri, Map.of("error", "invalid_request", "error_description", refusal),
          params.get("state"));
    }
    StringBuilder body = new StringBuilder();
    body.append("<p>This is the local demo issuer. Choose who to sign in as. Every person here is fictional.</p>");
    body.append("<form method=\"post\" action=\"/").append(escape(issuer)).append("/authorize\">");
    params.forEach((name, value) -> body.append("<input type=\"hidden\" name=\"").append(escape(name))
        .append("\" value=\"").append(escape(value)).append("\">"));
    body.append("<ul class=\"personas\">");
    for (Persona persona : interactive(issuer)) {
      body.append("<li><button type=\"submit\" name=\"persona\" value=\"").append(escape(persona.id()))
          .append("\" id=\"persona-").append(escape(persona.id())).append("\"><strong>")
          .append(escape(persona.id())).append("</strong> <span>").append(escape(persona.description()))
          .append("</span></button></li>");
    }
    body.append("</ul></form>");
    return page(200, "Sign in to the local " + ("cis2".equals(issuer) ? "staff (CIS2-style)" : "NHS-login-style")
        + " issuer", body.toString());
  }

  private OAuth2HttpResponse authorize(String issuer, OAuth2HttpRequest request) {
    OAuth2HttpRequest.Parameters form = request.getFormParameters();
    String redirectUri = form.get("redirect_uri");
    String clientId = form.get("client_id");
    if (redirectUri == null || !redirectUris.contains(redirectUri) || clientId == null) {
      return page(400, "Sign-in refused", "<p>Unregistered <code>redirect_uri</code> or no <code>client_id</code>."
          + "</p>");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", form.get("response_type"));
    params.put("code_challenge", form.get("code_challenge"));
    params.put("code_challenge_method", form.get("code_challenge_method"));
    String refusal = refusal(params);
    Persona persona = interactive(issuer).stream().filter(p -> p.id().equals(form.get("persona"))).findFirst()
        .orElse(null);
    if (refusal == null && persona == null) {
      refusal = "Unknown persona";
    }
    if (refusal != null) {
      return redirect(redirectUri, Map.of("error", "invalid_request", "error_description", refusal),
          form.get("state"));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    codes.put(code, new Grant(persona, clientId, redirectUri, form.get("code_challenge"),
        clock.instant().plus(CODE_LIFETIME)));
    codes.values().removeIf(grant -> grant.expires().isBefore(clock.instant()));
    return redirect(redirectUri, Map.of("code", code), form.get("state"));
  }

  private OAuth2HttpResponse exchange(String issuer, OAuth2HttpRequest request) {
    OAuth2HttpRequest.Parameters form = request.getFormParameters();
    String origin = request.getHeaders().get("Origin");
    String code = form.get("code");
    // The first exchange consumes the code, whether it succeeds or not: a code is never tried twice.
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null || grant.expires().isBefore(clock.instant())) {
      return tokenError("invalid_grant", "The code is unknown, used or expired", origin);
    }
    if (!grant.persona().issuer().equals(issuer) || !grant.redirectUri().equals(form.get("redirect_uri"))
        || !grant.clientId().equals(form.get("client_id"))) {
      return tokenError("invalid_grant", "The code was issued to another client, issuer or redirect_uri", origin);
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return tokenError("invalid_request", "code_verifier is required: 43 to 128 unreserved characters", origin);
    }
    if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
        grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
      return tokenError("invalid_grant", "code_verifier does not match the code_challenge", origin);
    }
    Map<String, Object> body = new LinkedHashMap<>(tokens.apply(grant.persona(), grant.clientId()));
    body.put("token_type", "Bearer");
    body.put("expires_in", 3600);
    body.put("scope", "openid");
    return json(200, body, origin);
  }

  /** Why the request cannot have a code, or null: only {@code response_type=code} with an S256 challenge. */
  private static String refusal(Map<String, String> params) {
    if (!"code".equals(params.get("response_type"))) {
      return "response_type must be code";
    }
    if (params.get("code_challenge") == null || !"S256".equals(params.get("code_challenge_method"))) {
      return "PKCE is required: code_challenge with code_challenge_method=S256";
    }
    if (!params.get("code_challenge").matches("[A-Za-z0-9_-]{43}")) {
      return "code_challenge must be the base64url SHA-256 of the verifier";
    }
    return null;
  }

  /** The personas a person can sign in as: not the services, which use client credentials. */
  private List<Persona> interactive(String issuer) {
    return personasByIssuer.getOrDefault(issuer, List.of()).stream()
        .filter(persona -> !persona.claims().containsKey("service_role")).toList();
  }

  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OAuth2HttpResponse redirect(String redirectUri, Map<String, String> params, String state) {
    HttpUrl.Builder target = HttpUrl.get(redirectUri).newBuilder();
    params.forEach(target::addQueryParameter);
    if (state != null) {
      target.addQueryParameter("state", state);
    }
    return new OAuth2HttpResponse(Headers.of("Location", target.build().toString(), "Cache-Control", "no-store"),
        302, "", null);
  }

  private OAuth2HttpResponse tokenError(String error, String description, String origin) {
    return json(400, Map.of("error", error, "error_description", description), origin);
  }

  /** JSON, with CORS for a registered web app's origin: the browser app calls the token endpoint itself. */
  private OAuth2HttpResponse json(int status, Map<String, ?> body, String origin) {
    try {
      Headers.Builder headers = new Headers.Builder().add("Content-Type", "application/json")
          .add("Cache-Control", "no-store");
      if (origin != null && redirectUris.stream().anyMatch(uri -> uri.startsWith(origin + "/"))) {
        headers.add("Access-Control-Allow-Origin", origin).add("Vary", "Origin");
      }
      return new OAuth2HttpResponse(headers.build(), status, JSON.writeValueAsString(body), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OAuth2HttpResponse page(int status, String title, String body) {
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
        + "</title><style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;"
        + "color:#0b0c0c}ul{list-style:none;padding:0}li{margin:.5rem 0}button{width:100%;text-align:left;"
        + "font:inherit;padding:.75rem;border:2px solid #005eb8;border-radius:4px;background:#fff;color:#0b0c0c;"
        + "cursor:pointer}button:hover{background:#e8f1f8}button:focus{outline:3px solid #ffb81c;"
        + "outline-offset:2px}button span{display:block;color:#4c6272}</style></head><body><main><h1>"
        + escape(title) + "</h1>" + body + "</main></body></html>";
    return new OAuth2HttpResponse(Headers.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
        status, html, null);
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
