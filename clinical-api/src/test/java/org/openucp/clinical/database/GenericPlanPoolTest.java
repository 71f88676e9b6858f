package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;

/** Crisis lookups plan their statement once; everything else is planned for its parameters each time. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class GenericPlanPoolTest {

  @Inject
  Pool database;

  @Inject
  @ReactiveDataSource(GenericPlanPool.LOOKUPS)
  Pool lookups;

  @Test
  void shouldPlanPreparedStatementsOnceOnEveryLookupConnection() {
    for (int i = 0; i < 4; i++) {
      assertThat(planCacheMode(lookups)).isEqualTo("force_generic_plan");
    }
  }

  @Test
  void shouldPlanEveryOtherStatementForItsParametersOnEachExecution() {
    for (int i = 0; i < 4; i++) {
      assertThat(planCacheMode(database)).isEqualTo("force_custom_plan");
    }
  }

  private static String planCacheMode(Pool pool) {
    return pool.query("SHOW plan_cache_mode").execute()
        .map(rows -> rows.iterator().next().getString(0))
        .await().atMost(Duration.ofSeconds(10));
  }
}
