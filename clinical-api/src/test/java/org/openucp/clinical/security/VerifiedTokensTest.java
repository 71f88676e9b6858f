package org.openucp.clinical.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Remembering verified tokens never outlives the token, the configured age, or the configured size. */
class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private Instant now = NOW;
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void shouldForgetATokenWhenItExpires() {
    VerifiedTokens tokens = new VerifiedTokens(config(100, Duration.ofMinutes(10)), clock);
    JsonWebToken token = token("a", NOW.plusSeconds(30));
    tokens.remember(token, identity(token));

    now = NOW.plusSeconds(29);
    assertThat(tokens.find("a")).isPresent();
    now = NOW.plusSeconds(30);
    assertThat(tokens.find("a")).isEmpty();
  }

  @Test
  void shouldForgetALongLivedTokenAfterTheMaximumAge() {
    VerifiedTokens tokens = new VerifiedTokens(config(100, Duration.ofSeconds(60)), clock);
    JsonWebToken token = token("a", NOW.plus(Duration.ofHours(8)));
    tokens.remember(token, identity(token));

    now = NOW.plusSeconds(59);
    assertThat(tokens.find("a")).isPresent();
    now = NOW.plusSeconds(60);
    assertThat(tokens.find("a")).isEmpty();
  }

  @Test
  void shouldNotRememberAnExpiredTokenOrKeepTheRequestThatVerifiedIt() {
    VerifiedTokens tokens = new VerifiedTokens(config(100, Duration.ofSeconds(60)), clock);
    JsonWebToken expired = token("old", NOW.minusSeconds(1));
    tokens.remember(expired, identity(expired));
    JsonWebToken live = token("live", NOW.plusSeconds(300));
    tokens.remember(live, identity(live));

    assertThat(tokens.find("old")).isEmpty();
    SecurityIdentity remembered = tokens.find("live").orElseThrow();
    assertThat(remembered.<Object>getAttribute(RoutingContext.class.getName())).isNull();
    assertThat(remembered.getRoles()).containsExactly(Roles.STAFF);
    assertThat(remembered.getPrincipal()).isSameAs(live);
  }

  @Test
  void shouldNeverHoldMoreThanTheMaximumNumberOfTokens() {
    VerifiedTokens tokens = new VerifiedTokens(config(3, Duration.ofSeconds(60)), clock);
    for (int i = 0; i < 10; i++) {
      JsonWebToken token = token("t" + i, NOW.plusSeconds(300));
      tokens.remember(token, identity(token));
      assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }
    assertThat(tokens.find("t9")).isPresent();
  }

  @Test
  void shouldNotTakeATokenEndingLikeARememberedOneForIt() {
    VerifiedTokens tokens = new VerifiedTokens(config(100, Duration.ofSeconds(60)), clock);
    String signature = "x".repeat(64);
    JsonWebToken token = token("header.claims-of-alice." + signature, NOW.plusSeconds(300));
    tokens.remember(token, identity(token));

    assertThat(tokens.find("header.claims-of-alice." + signature)).isPresent();
    assertThat(tokens.find("header.claims-of-mallory." + signature)).isEmpty();
    assertThat(tokens.find(signature)).isEmpty();
  }

  @Test
  void shouldRememberNothingWhenTurnedOff() {
    VerifiedTokens tokens = new VerifiedTokens(config(0, Duration.ofSeconds(60)), clock);
    JsonWebToken token = token("a", NOW.plusSeconds(300));
    tokens.remember(token, identity(token));

    assertThat(tokens.find("a")).isEmpty();
  }

  private static SecurityIdentity identity(JsonWebToken token) {
    return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole(Roles.STAFF)
        .addAttribute(RoutingContext.class.getName(), "the request that verified it").build();
  }

  private static JsonWebToken token(String raw, Instant expires) {
    Map<String, Object> claims = Map.of("raw_token", raw, "exp", expires.getEpochSecond(), "sub", "user");
    return new JsonWebToken() {
      @Override
      public String getName() {
        return "user";
      }

      @Override
      public Set<String> getClaimNames() {
        return claims.keySet();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String name) {
        return (T) claims.get(name);
      }
    };
  }

  private static ClinicalSecurityConfig config(int maxEntries, Duration maxAge) {
    return new ClinicalSecurityConfig() {
      @Override
      public Set<String> acceptedAcr() {
        return Set.of();
      }

      @Override
      public Set<String> writeAcr() {
        return Set.of();
      }

      @Override
      public Set<String> serviceClients() {
        return Set.of();
      }

      @Override
      public VerifiedTokensConfig verifiedTokens() {
        return new VerifiedTokensConfig() {
          @Override
          public int maxEntries() {
            return maxEntries;
          }

          @Override
          public Duration maxAge() {
            return maxAge;
          }
        };
      }
    };
  }
}
