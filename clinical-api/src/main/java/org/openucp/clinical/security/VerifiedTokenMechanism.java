package org.openucp.clinical.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Answers for a bearer token this replica has already verified ({@link VerifiedTokens}) before the OIDC mechanism
 * looks at the request: that mechanism decodes the token's payload and resolves its tenant on every request, even
 * when the identity is then found remembered. For any other request it steps aside, and the OIDC mechanism
 * verifies the token in full and sends its challenge.
 */
@ApplicationScoped
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

  /** Ahead of the OIDC mechanism (1001). */
  private static final int BEFORE_OIDC = 2000;
  private static final String BEARER = "Bearer ";
  private static final Uni<SecurityIdentity> NOT_REMEMBERED = Uni.createFrom().nullItem();
  private static final Uni<ChallengeData> OIDC_CHALLENGES = Uni.createFrom().nullItem();

  private final VerifiedTokens tokens;

  public VerifiedTokenMechanism(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identityProviders) {
    String authorization = request.request().headers().get(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return NOT_REMEMBERED;
    }
    return tokens.find(authorization.substring(BEARER.length()).strip())
        .map(known -> Uni.createFrom().item(forThisRequest(known, request)))
        .orElse(NOT_REMEMBERED);
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext request) {
    return OIDC_CHALLENGES;
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext request) {
    return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
  }

  @Override
  public int getPriority() {
    return BEFORE_OIDC;
  }

  private static SecurityIdentity forThisRequest(SecurityIdentity known, RoutingContext request) {
    return QuarkusSecurityIdentity.builder(known)
        .addAttribute(RoutingContext.class.getName(), request)
        .addAttribute(AuthenticationRequestContext.class.getName(),
            request.get(AuthenticationRequestContext.class.getName()))
        .build();
  }
}
