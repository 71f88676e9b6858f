package org.openucp.clinical.urgentcare.repository;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How crisis lookups by NHS number share the database. */
@ConfigMapping(prefix = "clinical.urgent-care.lookups")
public interface LookupConfig {

  /**
   * How many lookup statements a replica runs at once. While they run, further lookups queue and go together in the
   * next statement; one statement for many lookups costs the database far less than one each (benchmarked on 2
   * cores: 1 served 8,000 lookups a second, 2 served 6,900). The lookups' own pool
   * ({@code quarkus.datasource.lookups.reactive.max-size}) needs at least this many connections.
   */
  @WithDefault("1")
  int concurrentStatements();

  /** The most lookups one statement carries. */
  @WithDefault("64")
  int maxPerStatement();
}
