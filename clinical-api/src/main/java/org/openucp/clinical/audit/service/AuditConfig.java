package org.openucp.clinical.audit.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How audit events are sealed into the hash chain, and how often the chain is verified. */
@ConfigMapping(prefix = "clinical.audit")
public interface AuditConfig {

  /** How often the sealer runs ({@code off} to leave sealing to other replicas). */
  @WithDefault("1s")
  String sealInterval();

  /** How old an event must be before it is sealed: longer than any append can take to commit. */
  @WithDefault("5s")
  Duration settle();

  /** How many events one sealing transaction links; a run repeats batches until the settled events are sealed. */
  @WithDefault("250")
  int sealBatch();

  /**
   * How often the scheduled verifier checks the events sealed since the newest recorded verification and records how
   * far it got ({@code off} to leave it to other replicas; replicas take turns).
   */
  @WithDefault("5m")
  String verifyInterval();
}
