package org.openucp.clinical.support;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import org.openucp.clinical.audit.repository.AuditRepository;

/** The audit trail's tables as the audit tests need them: events written in bulk, sealed blocks, tampering. */
public final class AuditTrailTables {

  private static final String UNSEALED_UP_TO = "SELECT count(*) FROM audit_event WHERE seq <= ?"
      + " AND seq > (SELECT last_seq FROM audit_chain_head)";

  private final ClinicalTables tables;

  public AuditTrailTables(ClinicalTables tables) {
    this.tables = tables;
  }

  /** Writes {@code count} events in one statement, as a burst of lookups would; returns the last one's seq. */
  public long writeSettledEvents(String action, int count) throws SQLException {
    tables.execute("INSERT INTO audit_event (" + AuditRepository.APPENDED_COLUMNS + ")"
        + " SELECT now(), '555000000001', 'Dr Test', 'R8000', 'A83008', NULL, NULL, NULL, '" + action + "',"
        + " 'SUCCESS', 200, 'event ' || n FROM generate_series(1, " + count + ") n");
    return tables.count("SELECT max(seq) FROM audit_event WHERE action = ?", action);
  }

  /** The first event after the seal before {@code seq}: where verification starts the block holding it. */
  public long firstEventOfBlockHolding(long seq) {
    return tables.count("SELECT min(seq) FROM audit_event"
        + " WHERE seq > (SELECT coalesce(max(seq), 0) FROM audit_seal WHERE seq < ?)", seq);
  }

  /** Waits until the sealer has linked every event up to {@code seq} into the chain. */
  public void awaitSealed(long seq) {
    await().atMost(Duration.ofSeconds(30)).until(() -> tables.count(UNSEALED_UP_TO, seq) == 0);
  }

  /** Runs a change the append-only trigger would refuse: tampering, as only a database superuser could. */
  public void withTriggersOff(String sql) throws SQLException {
    tables.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only", sql,
        "ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
  }
}
