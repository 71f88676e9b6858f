package org.openucp.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openucp.infra.MigrationRules;
import org.openucp.infra.MigrationRules.Violation;

/**
 * Every portal migration after those written before the rules keeps to the expand-and-contract rules
 * (docs/migrations.md), so that the previous release keeps working while a new one rolls out. The check itself is
 * tested in the clinical API's MigrationRulesTest.
 */
class MigrationRulesTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  /** The last migration written before the rules: those after it are never grandfathered. */
  private static final int LAST_BEFORE_THE_RULES = 7;
  /** Migrations written before the rules that break one, and how. Flyway's checksums keep them as they are. */
  private static final Map<String, String> GRANDFATHERED = Map.of(
      "V2__reminders_and_receipts.sql", "index on draft",
      "V4__proxy_limits.sql", "indexes on proxy_attempt and proxy_invitation");

  @Test
  void shouldKeepEveryMigrationAfterThoseWrittenBeforeTheRulesToTheExpandAndContractRules() {
    List<Violation> violations = MigrationRules.check(MIGRATIONS, GRANDFATHERED.keySet());

    assertThat(violations).as("migrations breaking the expand-and-contract rules (docs/migrations.md); if a statement"
        + " is safe after all, say why in a comment before it: -- " + MigrationRules.EXCEPTION_MARKER + " ...")
        .isEmpty();
  }

  @Test
  void shouldGrandfatherOnlyMigrationsWrittenBeforeTheRules() {
    for (String script : GRANDFATHERED.keySet()) {
      assertThat(MIGRATIONS.resolve(script)).as(script).exists();
      assertThat(MigrationRules.version(script)).as(script).isBetween(1.0, (double) LAST_BEFORE_THE_RULES);
      assertThat(MigrationRules.check(MIGRATIONS, Set.of())).as(script + " breaks a rule, else it needs no place here")
          .anyMatch(violation -> violation.script().equals(script));
    }
  }
}
