package org.openucp.portal.erasure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Carrying withdrawals made in the clinical API into the portal. */
@ConfigMapping(prefix = "portal.withdrawals")
public interface WithdrawalConfig {

  /** How often the portal asks the clinical API for withdrawals whose portal records are still to be erased. */
  @WithDefault("30s")
  String interval();

  /** How many notices one run applies at most. */
  @WithDefault("100")
  int batchSize();
}
