package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openucp.infra.MigrationRules;
import org.openucp.infra.MigrationRules.Script;
import org.openucp.infra.MigrationRules.Violation;

/**
 * Every clinical migration after those written before the rules keeps to the expand-and-contract rules
 * (docs/migrations.md), so that the previous release keeps working while a new one rolls out; and the check itself
 * finds what it should and nothing else.
 */
class MigrationRulesTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  /** The last migration written before the rules: those after it are never grandfathered. */
  private static final int LAST_BEFORE_THE_RULES = 21;
  /** Migrations written before the rules that break one, and how. Flyway's checksums keep them as they are. */
  private static final Map<String, String> GRANDFATHERED = Map.of(
      "V4__audit_sealed_asynchronously.sql", "index on audit_event built in the migration's transaction",
      "V5__audit_seals_appended.sql", "drops audit_event's hash columns",
      "V6__crisis_view_rendered_at_publication.sql", "index on published_plan",
      "V7__audit_patient_hash_index.sql", "index on audit_event",
      "V9__care_teams_and_submission_routing.sql", "index on submitted_draft",
      "V11__names_found_however_typed.sql", "drops and re-adds published_plan.family_name_key, indexes it",
      "V17__privacy_notices_and_reconsent.sql", "consent.privacy_notice_id set NOT NULL; indexes on consent and"
          + " follow_up_task",
      "V21__retention_of_complaints_and_incidents.sql", "indexes built without CONCURRENTLY on breach,"
          + " complaint, retention_hold and destruction_log, small tables when it was written");

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

  @Test
  void shouldRefuseABlockingIndexOnATableAnEarlierMigrationCreated() {
    List<Violation> violations = check(
        "V1__tables.sql", "CREATE TABLE busy (id INT PRIMARY KEY, label TEXT);",
        "V2__index.sql", "CREATE INDEX busy_label_idx ON busy (label);");

    assertThat(violations).singleElement().satisfies(violation -> {
      assertThat(violation.script()).isEqualTo("V2__index.sql");
      assertThat(violation.line()).isEqualTo(1);
      assertThat(violation.rule()).contains("CONCURRENTLY");
    });
  }

  @Test
  void shouldAllowAnIndexOnATableOfTheSameMigrationOrOneBuiltConcurrentlyAlone() {
    assertThat(check(
        "V1__tables.sql", "CREATE TABLE busy (id INT PRIMARY KEY, label TEXT);\n"
            + "CREATE INDEX busy_label_idx ON busy (label);",
        "V2__index.sql", "-- alone: Flyway runs it outside a transaction\n"
            + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS busy_id_label_idx ON busy (id, label);",
        "V3__more.sql", "CREATE TABLE \"Quiet\" (id INT);\nCREATE INDEX ON \"Quiet\" USING hash (id);")).isEmpty();
  }

  @Test
  void shouldRefuseAConcurrentIndexBuildMixedWithOtherStatements() {
    List<Violation> violations = check(
        "V1__tables.sql", "CREATE TABLE busy (id INT PRIMARY KEY, label TEXT);",
        "V2__mixed.sql", "CREATE INDEX CONCURRENTLY busy_label_idx ON busy (label);\n"
            + "ALTER TABLE busy ADD COLUMN note TEXT;");

    assertThat(violations).singleElement().satisfies(violation -> {
      assertThat(violation.line()).isEqualTo(2);
      assertThat(violation.rule()).contains("must hold nothing else");
    });
  }

  @Test
  void shouldRefuseToDropRenameOrRetypeWhatThePreviousReleaseStillUses() {
    List<Violation> violations = check(
        "V1__tables.sql", "CREATE TABLE plan (id INT PRIMARY KEY, name TEXT, note TEXT, code INT, owner TEXT);\n"
            + "CREATE TABLE old_plan (id INT);",
        "V2__contract.sql", String.join("\n",
            "ALTER TABLE plan DROP COLUMN note;",
            "ALTER TABLE plan DROP owner, ADD CONSTRAINT plan_name_known CHECK (name IS NOT NULL) NOT VALID;",
            "ALTER TABLE plan RENAME COLUMN name TO title;",
            "ALTER TABLE old_plan RENAME TO older_plan;",
            "ALTER TABLE plan ALTER COLUMN code TYPE BIGINT;",
            "ALTER TABLE plan ALTER code SET DATA TYPE NUMERIC;",
            "ALTER TABLE plan ALTER COLUMN name SET NOT NULL;",
            "ALTER TABLE plan ADD COLUMN status TEXT NOT NULL;",
            "DROP TABLE IF EXISTS older_plan;"));

    assertThat(violations).extracting(Violation::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(violations).extracting(Violation::rule).anyMatch(rule -> rule.startsWith("DROP COLUMN"))
        .anyMatch(rule -> rule.startsWith("RENAME")).anyMatch(rule -> rule.startsWith("ALTER COLUMN ... TYPE"))
        .anyMatch(rule -> rule.startsWith("SET NOT NULL")).anyMatch(rule -> rule.startsWith("ADD COLUMN ... NOT NULL"))
        .anyMatch(rule -> rule.startsWith("DROP TABLE"));
  }

  @Test
  void shouldAllowWhatOnlyAdds() {
    assertThat(check(
        "V1__tables.sql", "CREATE TABLE plan (id INT PRIMARY KEY, name TEXT);",
        "V2__expand.sql", String.join("\n",
            "ALTER TABLE plan ADD COLUMN title TEXT;",
            "ALTER TABLE plan ADD COLUMN version INT NOT NULL DEFAULT 0;",
            "ALTER TABLE plan ADD CONSTRAINT plan_title_known CHECK (title IS NOT NULL) NOT VALID;",
            "ALTER TABLE plan ALTER COLUMN title SET DEFAULT 'untitled', ALTER COLUMN name DROP NOT NULL;",
            "CREATE TABLE plan_note (id INT PRIMARY KEY, plan_id INT NOT NULL REFERENCES plan (id));",
            "ALTER TABLE plan_note ADD COLUMN body TEXT NOT NULL;",
            "UPDATE plan SET title = name WHERE title IS NULL;"))).isEmpty();
  }

  @Test
  void shouldLetAStatementThroughOnlyWithAnExceptionThatSaysWhy() {
    List<Violation> violations = check(
        "V1__tables.sql", "CREATE TABLE lookup_code (code TEXT PRIMARY KEY, label TEXT, obsolete TEXT);",
        "V2__tidy.sql", String.join("\n",
            "-- " + MigrationRules.EXCEPTION_MARKER + " at most 40 rows, written only by migrations: the lock is brief",
            "CREATE INDEX lookup_code_label_idx ON lookup_code (label);",
            "-- " + MigrationRules.EXCEPTION_MARKER + " fine",
            "ALTER TABLE lookup_code DROP COLUMN obsolete;"));

    assertThat(violations).singleElement().satisfies(violation -> {
      assertThat(violation.line()).isEqualTo(4);
      assertThat(violation.rule()).contains("must say why");
    });
  }

  @Test
  void shouldNotMistakeWordsInCommentsStringsOrFunctionBodiesForStatements() {
    assertThat(check(
        "V1__tables.sql", "CREATE TABLE plan (id INT PRIMARY KEY, name TEXT);",
        "V2__function.sql", String.join("\n",
            "-- Later we will DROP COLUMN name; and RENAME things; CREATE INDEX x ON plan (name);",
            "/* ALTER TABLE plan DROP COLUMN name; /* nested */ still a comment; */",
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $body$",
            "BEGIN",
            "    RAISE EXCEPTION 'cannot DROP TABLE plan; or RENAME it';",
            "END;",
            "$body$;",
            "INSERT INTO plan (id, name) VALUES (1, 'ALTER TABLE plan DROP COLUMN name; it''s a name');",
            "INSERT INTO plan (id, name) VALUES (2, E'RENAME \\' DROP TABLE plan;');",
            "DO $$ BEGIN PERFORM 1; END $$;"))).isEmpty();
  }

  private static List<Violation> check(String... namesAndTexts) {
    List<Script> scripts = new ArrayList<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      scripts.add(new Script(namesAndTexts[i], namesAndTexts[i + 1]));
    }
    return MigrationRules.check(scripts, Set.of());
  }
}
