package org.openucp.clinical.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;

/**
 * The append-only, hash-chained audit trail. Appends are serialised on the chain head row, so each event links to
 * the one before it; the database refuses updates and deletes of events.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int VERIFY_BATCH = 500;

  private final AuditRepository events;
  private final AccessGuard access;

  public AuditTrail(AuditRepository events, AccessGuard access) {
    this.events = events;
    this.access = access;
  }

  /** Appends the event in a transaction of its own, so that refusals are recorded even when the request failed. */
  public Uni<Void> append(AuditEvent event) {
    return Panache.withTransaction(() -> events.lockHead()
        .chain(previous -> events.nextSeq().chain(seq -> {
          event.seq = seq;
          event.seal(previous);
          return events.persist(event);
        }))
        .chain(saved -> events.moveHead(saved.seq, saved.hash))
        .replaceWithVoid());
  }

  @WithSession
  public Uni<List<AuditEvent>> search(AuditQuery query, int page, int size) {
    return access.require(Permission.READ_AUDIT).chain(() -> events.search(query, page, size));
  }

  /** Recomputes every event's hash in order and reports the first event that does not fit the chain. */
  @WithSession
  public Uni<ChainVerification> verify() {
    return access.require(Permission.READ_AUDIT)
        .chain(() -> verifyFrom(0, AuditEvent.GENESIS, 0));
  }

  private Uni<ChainVerification> verifyFrom(long afterSeq, String expectedPrevious, long checked) {
    return events.after(afterSeq, VERIFY_BATCH).chain(batch -> {
      String previous = expectedPrevious;
      long count = checked;
      for (AuditEvent event : batch) {
        if (!event.previousHash.equals(previous)) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "does not link to the event before it (an event was removed or reordered)"));
        }
        if (!event.computeHash().equals(event.hash)) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "its content does not match its hash (it was altered)"));
        }
        previous = event.hash;
        count++;
      }
      if (batch.size() < VERIFY_BATCH) {
        return Uni.createFrom().item(new ChainVerification(true, count, null, null));
      }
      return verifyFrom(batch.get(batch.size() - 1).seq, previous, count);
    });
  }
}
