package org.openucp.portal.transfer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How submitted drafts are relayed to the clinical intake. */
@ConfigMapping(prefix = "portal.transfer")
public interface TransferConfig {

  /** How often the scheduled relay runs ({@code 10s}, {@code 1m}; {@code off} to rely on submissions alone). */
  @WithDefault("10s")
  String interval();

  /** How many due drafts one relay run claims. */
  @WithDefault("20")
  int batchSize();

  /** How long a claimed draft is left to its relay before another may try (covers a relay that died). */
  @WithDefault("60s")
  Duration claimLease();

  /**
   * How long one delivery (the intake's answer, then removing the portal copy) may take before the relay gives up on
   * it and records a failed attempt, so that a delivery that never finishes cannot stall the relay: the draft is
   * tried again later, and the intake answers the repeat with its first receipt. Longer than the intake client's
   * read timeout.
   */
  @WithDefault("30s")
  Duration deliveryTimeout();

  /** At shutdown, how long to wait for deliveries under way before their claims are released too. */
  @WithDefault("5s")
  Duration shutdownGrace();

  /** Wait before the first retry after a failed delivery; doubled on each further failure. */
  @WithDefault("5s")
  Duration firstRetryDelay();

  /** The longest wait between retries. */
  @WithDefault("10m")
  Duration maxRetryDelay();

  /** Whether a submission is relayed straight after it commits, rather than only by the scheduled run. */
  @WithDefault("true")
  boolean relayOnSubmit();

  /** How often the outbox's backlog is counted for the metrics ("off" stops it). */
  @WithDefault("15s")
  String monitoringInterval();
}
