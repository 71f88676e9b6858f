package org.openucp.clinical.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.audit.service.ChainVerification;
import org.openucp.clinical.audit.service.ChainVerifier;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.AuditTrailTables;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * Verifying the audit chain costs what was sealed since the last verification, not the whole trail: a verification
 * that completes is recorded (through which sealed event, the chain's hash there), the default verification continues
 * from the newest record, and a full walk still checks everything retained.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AuditVerificationTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  ChainVerifier verifier;

  private ClinicalApi api;
  private ClinicalTables tables;
  private AuditTrailTables trail;

  @BeforeEach
  void connect() {
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
    trail = new AuditTrailTables(tables);
  }

  @Test
  void shouldCheckOnlyTheEventsSealedSinceTheNewestVerificationByDefault() throws SQLException {
    trail.awaitSealed(trail.writeSettledEvents("test.before-verification", 20));
    JsonPath full = verification(true);
    assertThat(full.getBoolean("intact")).isTrue();
    assertThat(full.getString("scope")).isEqualTo("FULL");
    assertThat(full.getLong("startedAfterSeq")).isZero();
    long through = full.getLong("verifiedThroughSeq");
    assertThat(full.getLong("eventsChecked")).as("every event of the trail")
        .isEqualTo(tables.count("SELECT count(*) FROM audit_event WHERE seq <= ?", through));
    long recorded = full.getLong("recordedVerification");
    assertThat(tables.count("SELECT through_seq FROM audit_verification WHERE id = ?", recorded)).isEqualTo(through);

    long last = trail.writeSettledEvents("test.after-verification", 7);
    trail.awaitSealed(last);
    JsonPath since = verification(false);

    assertThat(since.getBoolean("intact")).isTrue();
    assertThat(since.getString("scope")).isEqualTo("SINCE_LAST_VERIFICATION");
    assertThat(since.getLong("startedAfterSeq")).isEqualTo(through);
    assertThat(since.getLong("startedFrom.id")).isEqualTo(recorded);
    assertThat(since.getString("startedFrom.scope")).isEqualTo("FULL");
    long checkedThrough = since.getLong("verifiedThroughSeq");
    assertThat(checkedThrough).isGreaterThanOrEqualTo(last);
    assertThat(since.getLong("eventsChecked")).as("only the events sealed since")
        .isEqualTo(tables.count("SELECT count(*) FROM audit_event WHERE seq > ? AND seq <= ?", through,
            checkedThrough))
        .isGreaterThanOrEqualTo(7)
        .isLessThan(tables.count("SELECT count(*) FROM audit_event WHERE seq <= ?", checkedThrough));
    assertThat(since.getString("recordedVerification")).as("a default walk records nothing").isNull();
  }

  @Test
  void shouldFindByDefaultAnEventAlteredAfterTheNewestVerification() throws SQLException {
    trail.awaitSealed(trail.writeSettledEvents("test.verified-first", 3));
    assertThat(verification(true).getBoolean("intact")).isTrue();
    long last = trail.writeSettledEvents("test.altered-after", 10);
    trail.awaitSealed(last);
    long altered = last - 4;
    long blockStart = trail.firstEventOfBlockHolding(altered);

    whileAltered(altered, () -> {
      JsonPath since = verification(false);
      assertThat(since.getString("scope")).isEqualTo("SINCE_LAST_VERIFICATION");
      assertThat(since.getBoolean("intact")).isFalse();
      assertThat(since.getLong("firstBrokenSeq")).isEqualTo(blockStart);
      assertThat(since.getString("problem")).endsWith("do not match their seal (one was altered)");
    });
    assertThat(verification(false).getBoolean("intact")).isTrue();
  }

  @Test
  void shouldFindAnEventAlteredBeforeTheNewestVerificationOnlyInAFullWalk() throws SQLException {
    long last = trail.writeSettledEvents("test.altered-before", 10);
    trail.awaitSealed(last);
    assertThat(verification(true).getBoolean("intact")).isTrue();
    long altered = last - 4;
    long blockStart = trail.firstEventOfBlockHolding(altered);
    long records = tables.count("SELECT count(*) FROM audit_verification");

    whileAltered(altered, () -> {
      JsonPath since = verification(false);
      assertThat(since.getBoolean("intact")).as("the default walk starts after it").isTrue();
      assertThat(since.getLong("startedAfterSeq")).isGreaterThanOrEqualTo(altered);

      JsonPath full = verification(true);
      assertThat(full.getString("scope")).isEqualTo("FULL");
      assertThat(full.getBoolean("intact")).isFalse();
      assertThat(full.getLong("firstBrokenSeq")).isEqualTo(blockStart);
      assertThat(full.getString("problem")).endsWith("do not match their seal (one was altered)");
      assertThat(full.getString("recordedVerification")).isNull();
      assertThat(tables.count("SELECT count(*) FROM audit_verification")).as("no record of a broken walk")
          .isEqualTo(records);
    });
    assertThat(verification(true).getBoolean("intact")).isTrue();
  }

  @Test
  void shouldRecordHowFarTheScheduledVerifierGotWithOneReplicaAtATime() throws SQLException {
    long last = trail.writeSettledEvents("test.scheduled", 5);
    trail.awaitSealed(last);

    ChainVerification run = verifier.verifyNewEvents().await().atMost(Duration.ofSeconds(30));

    assertThat(run.intact()).isTrue();
    assertThat(run.verifiedThroughSeq()).isGreaterThanOrEqualTo(last);
    assertThat(run.recordedVerification()).isNotNull();
    assertThat(tables.count("SELECT count(*) FROM audit_verification WHERE id = ? AND verified_by = ?"
        + " AND through_seq = ? AND events_checked = ?", run.recordedVerification(), ChainVerifier.SCHEDULED,
        run.verifiedThroughSeq(), run.eventsChecked())).isEqualTo(1);

    try (Connection otherReplica = database.connect("clinical"); Statement statement = otherReplica.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + ChainVerifier.VERIFIER_LOCK + ")");
      assertThat(verifier.verifyNewEvents().await().atMost(Duration.ofSeconds(30)))
          .as("another replica is verifying").isNull();
      statement.execute("SELECT pg_advisory_unlock(" + ChainVerifier.VERIFIER_LOCK + ")");
    }
    assertThat(verifier.verifyNewEvents().await().atMost(Duration.ofSeconds(30))).isNotNull();
  }

  @Test
  void shouldRefuseToChangeVerificationsOrToRecordOneTheChainDoesNotHave() throws SQLException {
    trail.awaitSealed(trail.writeSettledEvents("test.record-guard", 2));
    assertThat(verification(true).getBoolean("intact")).isTrue();
    long sealed = tables.count("SELECT max(seq) FROM audit_seal");

    assertThatThrownBy(() -> tables.execute("UPDATE audit_verification SET events_checked = 0"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_verification"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE audit_verification"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute(record(sealed, "repeat('a', 64)", 0)))
        .as("a hash the chain does not have").isInstanceOf(SQLException.class)
        .hasMessageContaining("audit verification refused");
    assertThatThrownBy(() -> tables.execute(record(sealed, "(SELECT hash FROM audit_seal WHERE seq = " + sealed + ")",
        sealed - 1))).as("from a point nobody verified").isInstanceOf(SQLException.class)
        .hasMessageContaining("audit verification refused");
  }

  private static String record(long through, String hash, long after) {
    return "INSERT INTO audit_verification (through_seq, chain_hash, started_after_seq, scope, events_checked,"
        + " verified_at, verified_by, duration_ms) SELECT " + through + ", " + hash + ", " + after
        + ", 'SINCE_LAST_VERIFICATION', 1, now(), 'someone', 0";
  }

  private void whileAltered(long seq, Runnable check) throws SQLException {
    tables.execute("DROP TABLE IF EXISTS audit_unaltered",
        "CREATE TABLE audit_unaltered AS SELECT seq, reason FROM audit_event WHERE seq = " + seq);
    trail.withTriggersOff("UPDATE audit_event SET reason = 'covered up' WHERE seq = " + seq);
    try {
      check.run();
    } finally {
      trail.withTriggersOff("UPDATE audit_event e SET reason = u.reason FROM audit_unaltered u WHERE e.seq = u.seq");
      tables.execute("DROP TABLE audit_unaltered");
    }
  }

  private JsonPath verification(boolean full) {
    return api.as(Personas.PLATFORM_ADMIN).queryParam("full", full).when().get("/audit/chain/verification")
        .then().statusCode(200).extract().jsonPath();
  }
}
