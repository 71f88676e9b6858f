package org.openucp.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OIDC issuer (discovery, JWKS, RS256-signed tokens) serving a staff issuer shaped like CIS2 and a patient
 * issuer shaped like NHS login. Tokens for a persona come from its token endpoint with
 * {@code grant_type=client_credentials&client_id=<persona id>}, or directly from {@link #token}. A browser app whose
 * redirect URI is registered signs in as a persona with the authorization code flow and PKCE
 * ({@link AuthorizationCodeFlow}).
 */
public final class LocalIssuer implements AutoCloseable {

  private static final long ONE_HOUR = 3600;

  private final MockOAuth2Server server;

  private LocalIssuer(MockOAuth2Server server) {
    this.server = server;
  }

  /** Starts on loopback at the given port (0 for any free port). */
  public static LocalIssuer start(int port, List<Persona> personas) {
    return start(port, personas, Set.of());
  }

  /**
   * Starts on loopback at the given port, letting browser apps at {@code redirectUris} sign in as the personas with
   * the authorization code flow and PKCE.
   */
  public static LocalIssuer start(int port, List<Persona> personas, Set<String> redirectUris) {
    AtomicReference<LocalIssuer> self = new AtomicReference<>();
    AuthorizationCodeFlow codeFlow = new AuthorizationCodeFlow(byIssuer(personas), redirectUris,
        (persona, clientId) -> self.get().tokensFor(persona, clientId), Clock.systemUTC());
    MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(configFor(personas)), codeFlow);
    self.set(new LocalIssuer(server));
    try {
      server.start(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not start the local OIDC issuer on port " + port, e);
    }
    return self.get();
  }

  public String issuerUrl(String issuerId) {
    return stripSlash(server.issuerUrl(issuerId).toString());
  }

  public String tokenEndpoint(String issuerId) {
    return server.tokenEndpointUrl(issuerId).toString();
  }

  public int port() {
    return server.baseUrl().port();
  }

  /** A token for the persona, valid for an hour. */
  public String token(Persona persona) {
    return token(persona, ONE_HOUR);
  }

  /** A token for the persona that expires after {@code expirySeconds} (negative: already expired). */
  public String token(Persona persona, long expirySeconds) {
    return tokenFromIssuer(persona.issuer(), persona, expirySeconds);
  }

  /** A correctly signed token for the persona, but from another issuer of this server. */
  public String tokenFromIssuer(String issuerId, Persona persona, long expirySeconds) {
    return server.issueToken(issuerId, persona.id(), new DefaultOAuth2TokenCallback(issuerId, persona.subject(),
        "JWT", persona.audience(), persona.claims(), expirySeconds)).serialize();
  }

  /** What the token endpoint answers a persona's code exchange with: its usual access token and an ID token. */
  private Map<String, String> tokensFor(Persona persona, String clientId) {
    String idToken = server.issueToken(persona.issuer(), clientId, new DefaultOAuth2TokenCallback(persona.issuer(),
        persona.subject(), "JWT", List.of(clientId), persona.claims(), ONE_HOUR)).serialize();
    return Map.of("access_token", token(persona), "id_token", idToken);
  }

  @Override
  public void close() {
    server.shutdown();
  }

  private static Map<String, List<Persona>> byIssuer(List<Persona> personas) {
    return personas.stream()
        .collect(Collectors.groupingBy(Persona::issuer, LinkedHashMap::new, Collectors.toList()));
  }

  private static String configFor(List<Persona> personas) {
    Map<String, List<Persona>> byIssuer = byIssuer(personas);
    List<Map<String, Object>> callbacks = new ArrayList<>();
    byIssuer.forEach((issuer, members) -> callbacks.add(Map.of(
        "issuerId", issuer,
        "tokenExpiry", ONE_HOUR,
        "requestMappings", members.stream().map(LocalIssuer::mapping).toList())));
    try {
      return new ObjectMapper().writeValueAsString(Map.of("interactiveLogin", false, "tokenCallbacks", callbacks));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> mapping(Persona persona) {
    Map<String, Object> claims = new LinkedHashMap<>(persona.claims());
    claims.put("sub", persona.subject());
    claims.put("aud", persona.audience());
    return Map.of("requestParam", "client_id", "match", persona.id(), "claims", claims);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
