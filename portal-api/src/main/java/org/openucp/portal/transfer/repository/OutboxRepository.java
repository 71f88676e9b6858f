package org.openucp.portal.transfer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.portal.transfer.OutboxMessage;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

  /** A draft claimed for delivery, with the trace of its submission. */
  public record Claim(UUID draftId, String traceParent) {
  }

  private final Pool database;

  public OutboxRepository(Pool database) {
    this.database = database;
  }

  public Uni<OutboxMessage> enqueue(UUID draftId, Instant now, String traceParent) {
    OutboxMessage message = new OutboxMessage();
    message.draftId = draftId;
    message.createdAt = now;
    message.nextAttemptAt = now;
    message.traceParent = traceParent;
    return persist(message);
  }

  /**
   * Claims up to {@code limit} due messages for this relay until {@code leaseEnd}, in one statement. Rows another
   * relay holds are skipped rather than waited for, so several replicas can relay side by side without delivering one
   * draft twice at the same time. Runs on the pool directly: through Hibernate Reactive a native select misses the
   * query plan cache on every run and stores one more plan under the same hash, which every later look-up walks. The
   * relay reads the drafts in a session of its own, so their order here does not matter.
   */
  public Uni<List<Claim>> claimDue(Instant now, Instant leaseEnd, int limit) {
    return database.preparedQuery("""
            UPDATE draft_outbox o SET claimed_until = $2
            FROM (SELECT draft_id FROM draft_outbox
                  WHERE next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                  ORDER BY next_attempt_at
                  LIMIT $3
                  FOR UPDATE SKIP LOCKED) due
            WHERE o.draft_id = due.draft_id
            RETURNING o.draft_id, o.trace_parent""")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), leaseEnd.atOffset(ZoneOffset.UTC), limit))
        .map(rows -> {
          List<Claim> claims = new ArrayList<>();
          for (Row row : rows) {
            claims.add(new Claim(row.getUUID("draft_id"), row.getString("trace_parent")));
          }
          return claims;
        });
  }

  /**
   * Hands back claims, each only while it still carries the given lease end, so that a claim another relay took
   * after this one's ran out stays theirs; the drafts are then due at once. Runs on the pool directly, without a
   * Hibernate session, so that it works at shutdown, off any request. Emits how many claims were released.
   */
  public Uni<Integer> release(Map<UUID, Instant> claims) {
    UUID[] drafts = claims.keySet().toArray(UUID[]::new);
    OffsetDateTime[] leaseEnds = new OffsetDateTime[drafts.length];
    for (int i = 0; i < drafts.length; i++) {
      leaseEnds[i] = claims.get(drafts[i]).atOffset(ZoneOffset.UTC);
    }
    return database.preparedQuery("""
            UPDATE draft_outbox o SET claimed_until = NULL
            FROM unnest($1::uuid[], $2::timestamptz[]) AS held (draft_id, claimed_until)
            WHERE o.draft_id = held.draft_id AND o.claimed_until = held.claimed_until""")
        .execute(Tuple.of(drafts, leaseEnds))
        .map(rows -> rows.rowCount());
  }

  public Uni<Integer> recordFailure(UUID draftId, Instant nextAttemptAt, String error) {
    return update("attempts = attempts + 1, nextAttemptAt = ?1, claimedUntil = null, lastError = ?2 where draftId = ?3",
        nextAttemptAt, error, draftId);
  }

  /** How many submitted drafts wait for delivery, and when the oldest was submitted (null when none waits). */
  public record Backlog(long drafts, Instant oldest) {
  }

  /** The outbox's backlog, for monitoring the move. */
  public Uni<Backlog> backlog() {
    return getSession().chain(session -> session.createSelectionQuery(
            "select count(m), min(m.createdAt) from OutboxMessage m", Object[].class).getSingleResult())
        .map(row -> new Backlog((Long) row[0], (Instant) row[1]));
  }
}
