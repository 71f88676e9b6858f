package org.openucp.clinical.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Who the clinical API lets in, beyond a valid signature, issuer, audience and expiry. */
@ConfigMapping(prefix = "clinical.security")
public interface ClinicalSecurityConfig {

  /** CIS2 authentication assurance ({@code acr}) values accepted for staff at all; others are refused with 401. */
  @WithDefault("AAL3_ANY,AAL2_OR_AAL3_ANY")
  Set<String> acceptedAcr();

  /** The {@code acr} values accepted for operations that write patient data or onboarding (smartcard). */
  @WithDefault("AAL3_ANY")
  Set<String> writeAcr();

  /** Client ids of the services allowed to call with client credentials, such as the portal. */
  @WithDefault("portal-service,urgent-care-system")
  Set<String> serviceClients();

  /** Remembering tokens already verified ({@link VerifiedTokens}). */
  VerifiedTokensConfig verifiedTokens();

  interface VerifiedTokensConfig {

    /** How many verified tokens a replica remembers at most; 0 verifies every request in full. */
    @WithDefault("10000")
    int maxEntries();

    /** How long a verified token is remembered at most, however late it expires. */
    @WithDefault("PT60S")
    Duration maxAge();
  }
}
