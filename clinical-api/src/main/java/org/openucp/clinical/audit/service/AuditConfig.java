package org.openucp.clinical.audit.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How audit events are sealed into the hash chain. */
@ConfigMapping(prefix = "clinical.audit")
public interface AuditConfig {

  /** How often the sealer runs ({@code off} to leave sealing to other replicas). */
  @WithDefault("1s")
  String sealInterval();

  /** How old an event must be before it is sealed: longer than any append can take to commit. */
  @WithDefault("5s")
  Duration settle();

  /** The most events one sealing run links. */
  @WithDefault("20000")
  int sealBatch();
}
