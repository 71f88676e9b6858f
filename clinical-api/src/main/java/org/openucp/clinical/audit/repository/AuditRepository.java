package org.openucp.clinical.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.AuditOutcome;
import org.openucp.clinical.database.CountedPages;
import org.openucp.model.identity.NhsNumber;
import org.openucp.clinical.audit.service.AuditQuery;
import org.openucp.web.paging.Slice;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, Long> {

  /** The last sealed event: where the next seal links on. */
  public record ChainHead(long lastSeq, String lastHash) {
  }

  /**
   * A block's link in the chain, as the sealer appended it: the block is the {@code eventCount} events after the
   * previous seal up to {@code seq}, {@code previousHash} the chain's hash before them and {@code hash} after them.
   */
  public record Seal(long seq, String previousHash, String hash, int eventCount) {
  }

  /**
   * Where the retained audit trail starts after old events were destroyed: the last destroyed event and its seal's
   * hash, from which verification links on (the new genesis).
   */
  public record Checkpoint(long id, long throughSeq, String genesisHash, long previousThroughSeq, long eventsDestroyed,
      long sealsDestroyed, Instant oldestEventAt, Instant newestEventAt, Instant destroyedAt, String destroyedBy,
      String destroyedByName, String reason) {
  }

  /**
   * A completed verification of the chain: it checked {@code eventsChecked} events after {@code startedAfterSeq}
   * through {@code throughSeq}, the end of a sealed block whose hash is {@code chainHash}.
   */
  public record Verification(long id, long throughSeq, String chainHash, long startedAfterSeq, String scope,
      long eventsChecked, Instant verifiedAt, String verifiedBy, long durationMs) {
  }

  /** An event with the seal of the block it ends, or with none when it does not end one. */
  public record SealedEvent(AuditEvent event, Seal seal) {
  }

  /** What an append writes, in this order; the database numbers the event. */
  public static final String APPENDED_COLUMNS = "occurred_at, actor_id, actor_name, role_code, organisation, "
      + "nhs_number, plan_id, plan_version, action, outcome, http_status, reason";

  private static final String EVENT_COLUMNS = "e.seq, e.occurred_at, e.actor_id, e.actor_name, e.role_code, "
      + "e.organisation, e.nhs_number, e.plan_id, e.plan_version, e.action, e.outcome, e.http_status, e.reason";

  private final Pool database;

  public AuditRepository(Pool database) {
    this.database = database;
  }

  /** Locks the head of the chain for this transaction, so that replicas seal in turn. */
  public Uni<ChainHead> lockHead(SqlConnection connection) {
    return connection.query("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE").execute()
        .map(rows -> {
          Row head = rows.iterator().next();
          return new ChainHead(head.getLong("last_seq"), head.getString("last_hash"));
        });
  }

  /** The events after the chain head, in sequence order: the ones waiting to be sealed. */
  public Uni<List<AuditEvent>> unsealedAfter(SqlConnection connection, long lastSealed, int limit) {
    return connection.preparedQuery("SELECT " + EVENT_COLUMNS + " FROM audit_event e WHERE e.seq > $1"
            + " ORDER BY e.seq LIMIT $2")
        .execute(Tuple.of(lastSealed, limit))
        .map(rows -> {
          List<AuditEvent> events = new ArrayList<>(rows.size());
          rows.forEach(row -> events.add(event(row)));
          return events;
        });
  }

  /** Appends a block's seal and moves the chain head to it, in one statement. */
  public Uni<Void> appendSeal(SqlConnection connection, Seal seal) {
    return connection.preparedQuery("""
            WITH sealed AS (
                INSERT INTO audit_seal (seq, previous_hash, hash, event_count) VALUES ($1, $2, $3, $4))
            UPDATE audit_chain_head SET last_seq = $1, last_hash = $3 WHERE id = 1""")
        .execute(Tuple.of(seal.seq(), seal.previousHash(), seal.hash(), seal.eventCount()))
        .replaceWithVoid();
  }

  /**
   * Events after {@code seq} through {@code through} in sequence order, each with the seal of the block it ends, if
   * it ends one.
   */
  public Uni<List<SealedEvent>> withSealsAfter(SqlClient client, long seq, long through, int limit) {
    // The seals are bounded as the events are: otherwise PostgreSQL merges the events with every seal from the
    // first on, and each batch of a walk read all the seals before it (a whole walk of 20 million events took
    // 270-300 s instead of about 60).
    return client.preparedQuery("SELECT " + EVENT_COLUMNS + ", s.previous_hash, s.hash, s.event_count"
            + " FROM audit_event e LEFT JOIN audit_seal s ON s.seq = e.seq AND s.seq > $1 AND s.seq <= $2"
            + " WHERE e.seq > $1 AND e.seq <= $2 ORDER BY e.seq LIMIT $3")
        .execute(Tuple.of(seq, through, limit))
        .map(rows -> {
          List<SealedEvent> events = new ArrayList<>(rows.size());
          rows.forEach(row -> {
            AuditEvent event = event(row);
            String hash = row.getString("hash");
            events.add(new SealedEvent(event, hash == null ? null
                : new Seal(event.seq, row.getString("previous_hash"), hash, row.getInteger("event_count"))));
          });
          return events;
        });
  }

  /** The last sealed event, read without locking the head: where a verification may walk to. */
  public Uni<Long> sealedThrough(SqlClient client) {
    return client.query("SELECT last_seq FROM audit_chain_head WHERE id = 1").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The hash of the seal ending at {@code seq}, or null when no seal ends there. */
  public Uni<String> sealHash(SqlClient client, long seq) {
    return client.preparedQuery("SELECT hash FROM audit_seal WHERE seq = $1").execute(Tuple.of(seq))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The verification that reached furthest into the chain, or null while none was recorded. */
  public Uni<Verification> latestVerification(SqlClient client) {
    return client.query("SELECT * FROM audit_verification ORDER BY through_seq DESC, id DESC LIMIT 1").execute()
        .map(rows -> rows.size() == 0 ? null : verification(rows.iterator().next()));
  }

  /** Records a completed verification (the database checks that it names a seal as the chain has it). */
  public Uni<Verification> recordVerification(SqlClient client, long throughSeq, String chainHash,
      long startedAfterSeq, String scope, long eventsChecked, Instant at, String by, long durationMs) {
    return client.preparedQuery("""
            INSERT INTO audit_verification (through_seq, chain_hash, started_after_seq, scope, events_checked,
                verified_at, verified_by, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *""")
        .execute(Tuple.from(new Object[] {throughSeq, chainHash, startedAfterSeq, scope, eventsChecked,
            at.atOffset(ZoneOffset.UTC), by, durationMs}))
        .map(rows -> verification(rows.iterator().next()));
  }

  private static Verification verification(Row row) {
    return new Verification(row.getLong("id"), row.getLong("through_seq"), row.getString("chain_hash"),
        row.getLong("started_after_seq"), row.getString("scope"), row.getLong("events_checked"),
        instant(row, "verified_at"), row.getString("verified_by"), row.getLong("duration_ms"));
  }

  /** The newest checkpoint, or null while no audit event was ever destroyed. */
  public Uni<Checkpoint> latestCheckpoint() {
    return latestCheckpoint(database);
  }

  /** The newest checkpoint, or null while no audit event was ever destroyed. */
  public Uni<Checkpoint> latestCheckpoint(SqlClient client) {
    return client.query("SELECT * FROM audit_checkpoint ORDER BY through_seq DESC LIMIT 1").execute()
        .map(rows -> rows.size() == 0 ? null : checkpoint(rows.iterator().next()));
  }

  /**
   * The one sanctioned deletion of audit events: destroys the events and seals through {@code throughSeq}, which
   * must end a sealed block, in the connection's transaction, after recording the checkpoint that verification
   * starts from (see V16__retention_and_destruction.sql, {@code destroy_audit_events}).
   */
  public Uni<Checkpoint> destroyThrough(SqlConnection connection, long throughSeq, Instant at, String by,
      String byName, String reason) {
    return connection.preparedQuery("SELECT * FROM destroy_audit_events($1, $2, $3, $4, $5)")
        .execute(Tuple.of(throughSeq, at.atOffset(ZoneOffset.UTC), by, byName, reason))
        .map(rows -> checkpoint(rows.iterator().next()));
  }

  private static Checkpoint checkpoint(Row row) {
    return new Checkpoint(row.getLong("id"), row.getLong("through_seq"), row.getString("genesis_hash"),
        row.getLong("previous_through_seq"), row.getLong("events_destroyed"), row.getLong("seals_destroyed"),
        instant(row, "oldest_event_at"), instant(row, "newest_event_at"), instant(row, "destroyed_at"),
        row.getString("destroyed_by"), row.getString("destroyed_by_name"), row.getString("reason"));
  }

  private static Instant instant(Row row, String column) {
    return row.getOffsetDateTime(column) == null ? null : row.getOffsetDateTime(column).toInstant();
  }

  /** How many events wait to be sealed, and when the oldest of them happened (null when none waits). */
  public record Backlog(long events, Instant oldest) {
  }

  /** The events waiting to be sealed, for monitoring the sealer. */
  public Uni<Backlog> unsealedBacklog() {
    return database.query("SELECT count(*), min(occurred_at) FROM audit_event"
            + " WHERE seq > (SELECT last_seq FROM audit_chain_head WHERE id = 1)").execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Backlog(row.getLong(0), instant(row, "min"));
        });
  }

  /** How many events wait to be sealed. */
  public Uni<Long> countUnsealed(SqlClient client) {
    return client.query("SELECT count(*) FROM audit_event"
            + " WHERE seq > (SELECT last_seq FROM audit_chain_head WHERE id = 1)").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static AuditEvent event(Row row) {
    AuditEvent event = new AuditEvent();
    event.seq = row.getLong("seq");
    event.occurredAt = row.getOffsetDateTime("occurred_at").toInstant();
    event.actorId = row.getString("actor_id");
    event.actorName = row.getString("actor_name");
    event.roleCode = row.getString("role_code");
    event.organisation = row.getString("organisation");
    event.nhsNumber = row.getString("nhs_number");
    event.planId = row.getUUID("plan_id");
    event.planVersion = row.getInteger("plan_version");
    event.action = row.getString("action");
    event.outcome = AuditOutcome.valueOf(row.getString("outcome"));
    event.httpStatus = row.getInteger("http_status");
    event.reason = row.getString("reason");
    return event;
  }

  private static final String INSERT = """
      INSERT INTO audit_event (""" + APPENDED_COLUMNS + """
      ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";

  /** Appends an unsealed event in one statement; the database numbers it. */
  public Uni<Void> insert(AuditEvent event) {
    return database.preparedQuery(INSERT).execute(values(event)).replaceWithVoid();
  }

  /** Appends unsealed events in one batch. */
  public Uni<Void> insertAll(List<AuditEvent> batch) {
    return database.preparedQuery(INSERT).executeBatch(batch.stream().map(AuditRepository::values).toList())
        .replaceWithVoid();
  }

  /** The successful accesses to a patient's record by staff, newest first, however many refusals came after. */
  public Uni<Slice<AuditEvent>> staffAccessesOf(NhsNumber patient, int pageIndex, int pageSize) {
    var accesses = find("nhsNumber = ?1 and outcome = ?2 and organisation is not null", Sort.by("seq").descending(),
        patient.value(), AuditOutcome.SUCCESS);
    return CountedPages.read(accesses, pageIndex, pageSize);
  }

  private static Tuple values(AuditEvent event) {
    return Tuple.from(new Object[] {event.occurredAt.atOffset(ZoneOffset.UTC), event.actorId, event.actorName,
        event.roleCode, event.organisation, event.nhsNumber, event.planId, event.planVersion, event.action,
        event.outcome.name(), event.httpStatus, event.reason});
  }

  /** A page of the search, newest first, read with one event more than the page to know whether more follow. */
  public Uni<Slice<AuditEvent>> search(AuditQuery query, int pageIndex, int pageSize) {
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (query.nhsNumber() != null) {
      conditions.add("nhsNumber = :nhsNumber");
      parameters.and("nhsNumber", query.nhsNumber().value());
    }
    if (query.actorId() != null) {
      conditions.add("actorId = :actorId");
      parameters.and("actorId", query.actorId());
    }
    if (query.organisation() != null) {
      conditions.add("organisation = :organisation");
      parameters.and("organisation", query.organisation().value());
    }
    if (query.from() != null) {
      conditions.add("occurredAt >= :from");
      parameters.and("from", query.from());
    }
    if (query.to() != null) {
      conditions.add("occurredAt < :to");
      parameters.and("to", query.to());
    }
    String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    int first = pageIndex * pageSize;
    return find(where, Sort.by("seq").descending(), parameters).range(first, first + pageSize).list()
        .map(found -> Slice.lookedAhead(found, pageSize));
  }
}
