package org.openucp.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openucp.portal.support.PortalInfra;

/**
 * Every connection of the service asks PostgreSQL to end a transaction left idle for a minute: one the service
 * abandoned (a lost continuation, seen under the draft-move benchmark) would otherwise keep its connection and its
 * row locks until the service restarts, and the relay could never move that draft again.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class AbandonedTransactionLimitTest {

  @Inject
  Pool pool;

  @Test
  void shouldAskPostgresToEndTransactionsLeftIdleForAMinute() {
    String setting = pool.query("SHOW idle_in_transaction_session_timeout").execute()
        .map(rows -> rows.iterator().next().getString(0))
        .await().atMost(Duration.ofSeconds(10));

    assertThat(setting).isEqualTo("1min");
  }
}
