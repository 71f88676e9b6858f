package org.openucp.portal.myplan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may see clinical content through the portal. */
@ConfigMapping(prefix = "portal.viewing")
public interface ViewingConfig {

  /** The NHS login identity proofing level needed to see the published plan (P9: photo ID checked). */
  @WithDefault("P9")
  String minimumProofing();
}
