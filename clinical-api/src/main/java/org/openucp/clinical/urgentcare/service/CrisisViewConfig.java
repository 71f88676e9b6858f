package org.openucp.clinical.urgentcare.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How crisis views missing from published plans are rendered in the background. */
@ConfigMapping(prefix = "clinical.urgent-care.crisis-views")
public interface CrisisViewConfig {

  /** How often the job looks for plans without a current view ({@code off} to leave it to other replicas). */
  @WithDefault("10s")
  String renderInterval();

  /** How many views one transaction renders; a run repeats batches until none is missing. */
  @WithDefault("500")
  int renderBatch();
}
