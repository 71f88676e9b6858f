package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;

/** The service's own connections plan each prepared statement once. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class GenericPlanPoolTest {

  @Inject
  Pool database;

  @Test
  void shouldPlanPreparedStatementsOnceOnEveryConnectionOfTheService() {
    for (int i = 0; i < 4; i++) {
      String mode = database.query("SHOW plan_cache_mode").execute()
          .map(rows -> rows.iterator().next().getString(0))
          .await().atMost(Duration.ofSeconds(10));
      assertThat(mode).isEqualTo("force_generic_plan");
    }
  }
}
