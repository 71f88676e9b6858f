package org.openucp.clinical.notice.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Privacy notices and re-consent. */
@ConfigMapping(prefix = "clinical.notices")
public interface NoticeConfig {

  /**
   * How long after a notice whose purposes changed is published consent given under an earlier one may still be given
   * again; after that the plan is restricted until it is, or until consent is withdrawn.
   */
  @WithDefault("P30D")
  Duration reconsentGrace();

  /** How often the job restricting plans whose re-consent is overdue runs ({@code off} to disable it on a replica). */
  @WithDefault("10m")
  String restrictionInterval();

  /** How many plans one transaction of that job restricts at most. */
  @WithDefault("100")
  int restrictionBatch();
}
