package org.openucp.clinical.rights.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service's own clock for patients' rights requests; the statutory month is the law's, not configurable. */
@ConfigMapping(prefix = "clinical.rights-requests")
public interface RightsConfig {

  /** The promise the service makes, counted from receipt: "your request will be processed within 48 hours". */
  @WithDefault("PT48H")
  Duration serviceDeadline();
}
