package org.openucp.clinical.complaint.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

/** How long a closed complaint is kept. */
@ConfigMapping(prefix = "clinical.complaints")
public interface ComplaintConfig {

  /** NHS Records Management Code of Practice: complaints, 10 years after closure. */
  @WithDefault("P10Y")
  Period retention();
}
