package org.openucp.web.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits that make a request fail fast, with a 503, while PostgreSQL cannot be reached, instead of waiting on the
 * Vert.x defaults (60 s to connect, 30 s for a pooled connection, an unbounded queue of waiting requests). They apply
 * to every reactive pool of the service; Quarkus 3.33 has no {@code quarkus.datasource.reactive.*} settings for them.
 */
@ConfigMapping(prefix = "openucp.database")
public interface DatabaseConfig {

  /** How long to wait for PostgreSQL to accept a new connection (TCP). */
  @WithDefault("2s")
  Duration connectTimeout();

  /** How long a request waits for a pooled connection, connecting included, before it is answered 503. */
  @WithDefault("3s")
  Duration acquisitionTimeout();

  /** How many requests may wait for a connection of one pool; more are answered 503 at once (-1: no limit). */
  @WithDefault("256")
  int maxWaitQueueSize();

  /**
   * How long PostgreSQL lets one of the service's transactions sit idle before it ends the session (0: never). No
   * transaction of the service waits on anything but the database, so one idle this long was abandoned by the
   * service, and would otherwise hold its connection and row locks for good.
   */
  @WithDefault("60s")
  Duration idleInTransactionTimeout();
}
