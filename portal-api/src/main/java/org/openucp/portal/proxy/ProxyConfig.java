package org.openucp.portal.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Proxy invitations. */
@ConfigMapping(prefix = "portal.proxies")
public interface ProxyConfig {

  /** How long an invitation link can be used. */
  @WithDefault("14d")
  Duration invitationValidity();

  /** Wrong attempts after which an invitation is locked. */
  @WithDefault("5")
  int maxAttempts();

  /** Invitations one patient may send in any 24 hours. */
  @WithDefault("5")
  @Min(1)
  int maxInvitationsPerDay();

  /** Attempts to prove an invitation one signed-in person may make in any 24 hours, across all invitations. */
  @WithDefault("10")
  @Min(1)
  int maxAttemptsPerUserPerDay();

  /**
   * The private key (base64 PKCS#8, RSA) with which the portal signs the short-lived assertion that lets the clinical
   * API serve a proxy their patient's plan; the clinical API holds the matching public key. From a Secret.
   */
  String assertionSigningKey();

  /** The page of the portal's web app that opens an invitation; the token is added as {@code ?token=}. */
  @WithDefault("http://localhost:8081/proxy-invitations/open")
  String invitationUrl();
}
