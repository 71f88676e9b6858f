package org.openucp.clinical.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;

/**
 * The append-only, hash-chained audit trail. Appends are single inserts; a sealer then links settled events into
 * the chain in sequence order. The database refuses deletes, and any update but sealing an unsealed event.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int VERIFY_BATCH = 500;

  private final AuditRepository events;
  private final AccessGuard access;
  private final AuditConfig config;
  private final Clock clock;

  public AuditTrail(AuditRepository events, AccessGuard access, AuditConfig config, Clock clock) {
    this.events = events;
    this.access = access;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Appends the event on its own, so that refusals are recorded even when the request failed: one statement, no
   * lock, so that audit never queues requests behind each other. {@link #sealSettled} links it into the chain.
   */
  public Uni<Void> append(AuditEvent event) {
    return Panache.withSession(() -> events.insert(event)).replaceWithVoid();
  }

  /**
   * Links settled events into the hash chain in sequence order. The chain head's row lock makes replicas take
   * turns. Emits how many events were sealed.
   */
  public Uni<Integer> sealSettled() {
    Instant settledBefore = clock.instant().minus(config.settle());
    return Panache.withTransaction(() -> events.lockHead().chain(head ->
        events.settledUnsealed(settledBefore, config.sealBatch()).chain(batch -> {
          String previous = head;
          for (AuditEvent event : batch) {
            event.seal(previous);
            previous = event.hash;
          }
          if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
          }
          // The sealed events are written back when the transaction commits; the trigger lets only the two hash
          // columns of an unsealed event change.
          AuditEvent last = batch.get(batch.size() - 1);
          return events.moveHead(last.seq, last.hash).replaceWith(batch.size());
        })));
  }

  @Scheduled(identity = "audit-sealer", every = "${clinical.audit.seal-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return sealSettled().replaceWithVoid();
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

  /** The sealed chain ends at {@code firstUnsealed}; everything after it must be waiting for the sealer too. */
  private Uni<ChainVerification> unsealedTail(long firstUnsealed, long checked) {
    return events.countUnsealed().chain(unsealed -> events.count("seq >= ?1", firstUnsealed).map(rest ->
        rest.equals(unsealed) ? new ChainVerification(true, checked, null, null, unsealed)
            : new ChainVerification(false, checked, firstUnsealed, "a sealed event follows an unsealed one",
                unsealed)));
  }

  private Uni<ChainVerification> verifyFrom(long afterSeq, String expectedPrevious, long checked) {
    return events.after(afterSeq, VERIFY_BATCH).chain(batch -> {
      String previous = expectedPrevious;
      long count = checked;
      for (AuditEvent event : batch) {
        if (event.hash == null) {
          return unsealedTail(event.seq, count);
        }
        if (!event.previousHash.equals(previous)) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "does not link to the event before it (an event was removed or reordered)", 0));
        }
        if (!event.computeHash().equals(event.hash)) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "its content does not match its hash (it was altered)", 0));
        }
        previous = event.hash;
        count++;
      }
      if (batch.size() < VERIFY_BATCH) {
        return Uni.createFrom().item(new ChainVerification(true, count, null, null, 0));
      }
      return verifyFrom(batch.get(batch.size() - 1).seq, previous, count);
    });
  }
}
