package org.openucp.clinical.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this replica has already verified and turned into a caller, so that a client sending the same token
 * again is not verified again (RS256, claim parsing and role resolution cost more than the rest of a crisis
 * lookup). Keyed by the whole token, signature included: any other string is a different key and is verified in
 * full. An entry ends with the token's own expiry, and at the latest after
 * {@code clinical.security.verified-tokens.max-age}, so that a change of the issuer's keys or of this service's
 * rules takes effect soon.
 */
@ApplicationScoped
public class VerifiedTokens {

  /** Attributes that belong to the request that verified the token, not to the token. */
  private static final String[] PER_REQUEST_ATTRIBUTES = {
      RoutingContext.class.getName(),
      io.quarkus.security.identity.AuthenticationRequestContext.class.getName()};

  private record Verified(SecurityIdentity identity, Instant until) {
  }

  /**
   * A token as a key: hashed on its last characters, which belong to its signature and so differ between tokens,
   * and compared whole. A token's string is new with every request, and hashing all of it (often a kilobyte) cost
   * more than the rest of finding it.
   */
  private record TokenKey(String token) {

    private static final int HASHED_CHARACTERS = 32;

    @Override
    public int hashCode() {
      int hash = 0;
      for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
        hash = 31 * hash + token.charAt(i);
      }
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TokenKey key && token.equals(key.token);
    }
  }

  private final Map<TokenKey, Verified> verified = new ConcurrentHashMap<>();
  private final ClinicalSecurityConfig.VerifiedTokensConfig config;
  private final Clock clock;

  public VerifiedTokens(ClinicalSecurityConfig security, Clock clock) {
    this.config = security.verifiedTokens();
    this.clock = clock;
  }

  /** The identity a still-valid, already verified token stands for. */
  public Optional<SecurityIdentity> find(String rawToken) {
    TokenKey key = new TokenKey(rawToken);
    Verified entry = verified.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.until().isAfter(clock.instant())) {
      verified.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.identity());
  }

  /** Remembers a verified identity until its token expires, without the request that verified it. */
  public void remember(JsonWebToken token, SecurityIdentity identity) {
    if (config.maxEntries() == 0 || token.getRawToken() == null) {
      return;
    }
    Instant now = clock.instant();
    Instant until = now.plus(config.maxAge());
    Instant expiry = Instant.ofEpochSecond(token.getExpirationTime());
    if (expiry.isBefore(until)) {
      until = expiry;
    }
    if (!until.isAfter(now)) {
      return;
    }
    if (verified.size() >= config.maxEntries()) {
      verified.values().removeIf(entry -> !entry.until().isAfter(now));
      if (verified.size() >= config.maxEntries()) {
        // More live tokens than expected: start again rather than let memory grow; they are simply verified again.
        verified.clear();
      }
    }
    QuarkusSecurityIdentity.Builder detached = QuarkusSecurityIdentity.builder(identity);
    for (String attribute : PER_REQUEST_ATTRIBUTES) {
      detached.addAttribute(attribute, null);
    }
    verified.put(new TokenKey(token.getRawToken()), new Verified(detached.build(), until));
  }

  int size() {
    return verified.size();
  }
}
