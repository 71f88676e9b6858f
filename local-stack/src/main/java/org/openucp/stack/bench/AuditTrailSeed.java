package org.openucp.stack.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * A year of audit history written in bulk into an empty trail, sealed as the service's sealer would have sealed it:
 * every event hashed into the chain (the same canonical form as the service's {@code AuditEvent.hashAfter}), one seal
 * per block of {@link #BLOCK} events, and the chain head moved to the last seal, in one transaction holding the chain
 * head's lock. The service then carries on sealing from there, and a full verification walks a chain that verifies.
 * Events are lookups of the seeded patients by a paramedic (four in five) and plan reads by a GP, spread evenly over
 * the year before the seed, with increasing sequence numbers and times.
 */
final class AuditTrailSeed {

  /** The sealer's largest block (clinical.audit.seal-batch). */
  static final int BLOCK = 250;
  private static final String GENESIS = "0".repeat(64);

  private AuditTrailSeed() {
  }

  /** Seeds {@code count} sealed events about the given patients; the trail must be empty. */
  static void seed(Connection connection, List<String> patients, long count) throws SQLException, IOException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      try (ResultSet head = statement.executeQuery(
          "SELECT last_seq, (SELECT count(*) FROM audit_event) FROM audit_chain_head WHERE id = 1 FOR UPDATE")) {
        head.next();
        if (head.getLong(1) != 0 || head.getLong(2) != 0) {
          throw new IllegalStateException("The audit trail is not empty: seed its history before anything else");
        }
      }
      // Anything audited while the seed runs is numbered after it, and waits for the head's lock to be sealed.
      statement.execute("SELECT setval('audit_event_seq', " + count + ")");
    }
    CopyManagerWriter events = new CopyManagerWriter(connection, "COPY audit_event (seq, occurred_at, actor_id, "
        + "actor_name, role_code, organisation, nhs_number, plan_id, plan_version, action, outcome, http_status, "
        + "reason) FROM STDIN");
    StringBuilder seals = new StringBuilder();
    MessageDigest sha256 = sha256();
    HexFormat hex = HexFormat.of();
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = end.minus(Duration.ofDays(365));
    double secondsApart = Duration.ofDays(365).toSeconds() / (double) count;
    String[] planIds = new String[patients.size()];
    for (int i = 0; i < planIds.length; i++) {
      planIds[i] = UUID.nameUUIDFromBytes(patients.get(i).getBytes(StandardCharsets.UTF_8)).toString();
    }
    String hash = GENESIS;
    String blockStartHash = GENESIS;
    int inBlock = 0;
    StringBuilder line = new StringBuilder(256);
    StringBuilder canonical = new StringBuilder(256);
    for (long seq = 1; seq <= count; seq++) {
      String at = start.plusSeconds((long) (seq * secondsApart)).toString();
      // A multiplicative hash spreads consecutive events over all patients, as lookups arrive in no order.
      int patient = (int) Long.remainderUnsigned(seq * 0x9E3779B97F4A7C15L, patients.size());
      boolean lookup = seq % 5 != 0;
      String actorId = lookup ? "555000000004" : "555000000001";
      String actorName = lookup ? "Pat Medic" : "Dr Gee Pee";
      String role = lookup ? "R1070" : "R0260";
      String organisation = lookup ? "RRU" : "A83008";
      String action = lookup ? "lookup.by-number" : "plan.read";
      String reason = lookup ? "999 call" : null;
      String nhs = patients.get(patient);
      canonical.setLength(0);
      canonical.append(seq).append('|').append(at).append('|').append(actorId).append('|').append(actorName)
          .append('|').append(role).append('|').append(organisation).append('|').append(nhs).append('|')
          .append(planIds[patient]).append("|1|").append(action).append("|SUCCESS|200|")
          .append(reason == null ? "" : reason).append('|').append(hash);
      hash = hex.formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
      line.setLength(0);
      line.append(seq).append('\t').append(at).append('\t').append(actorId).append('\t').append(actorName)
          .append('\t').append(role).append('\t').append(organisation).append('\t').append(nhs).append('\t')
          .append(planIds[patient]).append("\t1\t").append(action).append("\tSUCCESS\t200\t")
          .append(reason == null ? "\\N" : reason).append('\n');
      events.write(line);
      inBlock++;
      if (inBlock == BLOCK || seq == count) {
        seals.append(seq).append('\t').append(blockStartHash).append('\t').append(hash).append('\t').append(inBlock)
            .append('\n');
        blockStartHash = hash;
        inBlock = 0;
      }
    }
    events.close();
    PGConnection pg = connection.unwrap(PGConnection.class);
    pg.getCopyAPI().copyIn("COPY audit_seal (seq, previous_hash, hash, event_count) FROM STDIN",
        new StringReader(seals.toString()));
    try (Statement statement = connection.createStatement()) {
      statement.execute("UPDATE audit_chain_head SET last_seq = " + count + ", last_hash = '" + hash + "' WHERE id = 1");
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Streams COPY rows to the server as they are made, without holding them all in memory. */
  private static final class CopyManagerWriter {
    private final Writer writer;

    CopyManagerWriter(Connection connection, String sql) throws SQLException {
      writer = new BufferedWriter(new OutputStreamWriter(
          new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 20), StandardCharsets.UTF_8),
          1 << 20);
    }

    void write(CharSequence row) throws IOException {
      writer.append(row);
    }

    void close() throws IOException {
      writer.close();
    }
  }
}
