package org.openucp.clinical.review.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

/** When plans are flagged for review. */
@ConfigMapping(prefix = "clinical.reviews")
public interface ReviewConfig {

  /** How often the reminder job runs ({@code off} to disable it on a replica). */
  @WithDefault("1h")
  String interval();

  /** How far ahead of its review date a plan is flagged. */
  @WithDefault("P14D")
  Period notice();
}
