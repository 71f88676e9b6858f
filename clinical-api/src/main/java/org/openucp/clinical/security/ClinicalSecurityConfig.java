package org.openucp.clinical.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
