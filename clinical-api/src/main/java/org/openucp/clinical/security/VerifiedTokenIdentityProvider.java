package org.openucp.clinical.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers for a bearer token this replica has already verified ({@link VerifiedTokens}); for any other token it
 * steps aside and the OIDC provider verifies it in full.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

  /** Ahead of the OIDC provider (1001). */
  private static final int BEFORE_OIDC = 2000;

  private final VerifiedTokens tokens;

  public VerifiedTokenIdentityProvider(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public int priority() {
    return BEFORE_OIDC;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    return tokens.find(request.getToken().getToken())
        .map(known -> Uni.createFrom().item(forThisRequest(known, HttpSecurityUtils.getRoutingContextAttribute(request))))
        .orElseGet(() -> Uni.createFrom().nullItem());
  }

  private static SecurityIdentity forThisRequest(SecurityIdentity known, RoutingContext request) {
    if (request == null) {
      return known;
    }
    return QuarkusSecurityIdentity.builder(known)
        .addAttribute(RoutingContext.class.getName(), request)
        .addAttribute(AuthenticationRequestContext.class.getName(),
            request.get(AuthenticationRequestContext.class.getName()))
        .build();
  }
}
