package org.openucp.clinical.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.audit.repository.AuditRepository.Seal;
import org.openucp.clinical.audit.repository.AuditRepository.SealedEvent;

/**
 * The append-only, hash-chained audit trail. Appends are single inserts; a sealer then links settled events into
 * the chain in sequence order by appending their seals. The database refuses any update or delete of either.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int VERIFY_BATCH = 500;
  private static final int MAX_BATCHES_PER_RUN = 10_000;

  private final AuditRepository events;
  private final Pool database;
  private final AccessGuard access;
  private final AuditConfig config;
  private final Clock clock;

  public AuditTrail(AuditRepository events, Pool database, AccessGuard access, AuditConfig config, Clock clock) {
    this.events = events;
    this.database = database;
    this.access = access;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Appends the event on its own, so that refusals are recorded even when the request failed: one statement, no
   * lock, so that audit never queues requests behind each other. {@link #sealSettled} links it into the chain.
   */
  public Uni<Void> append(AuditEvent event) {
    return events.insert(event);
  }

  /**
   * Links settled events into the hash chain in sequence order, stopping at the first event that may not have
   * settled. The chain head's row lock makes replicas take turns. Emits how many events were sealed.
   */
  public Uni<Integer> sealSettled() {
    Instant settledBefore = clock.instant().minus(config.settle());
    return database.withTransaction(connection -> events.lockHead(connection).chain(head ->
        events.unsealedAfter(connection, head.lastSeq(), config.sealBatch()).chain(waiting -> {
          List<Seal> seals = new ArrayList<>(waiting.size());
          String previous = head.lastHash();
          for (AuditEvent event : waiting) {
            if (!event.occurredAt.isBefore(settledBefore)) {
              break;
            }
            String hash = event.hashAfter(previous);
            seals.add(new Seal(event.seq, previous, hash));
            previous = hash;
          }
          return seals.isEmpty() ? Uni.createFrom().item(0)
              : events.appendSeals(connection, seals).replaceWith(seals.size());
        })));
  }

  @Scheduled(identity = "audit-sealer", every = "${clinical.audit.seal-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    // Small batches, one after another until the settled backlog is sealed: each batch holds the event loop only
    // briefly, so sealing a busy second's events does not stall the lookups sharing that loop.
    return sealSettled().repeat().whilst(sealed -> sealed == config.sealBatch())
        .select().first(MAX_BATCHES_PER_RUN)
        .collect().last().replaceWithVoid();
  }

  @WithSession
  public Uni<List<AuditEvent>> search(AuditQuery query, int page, int size) {
    return access.require(Permission.READ_AUDIT).chain(() -> events.search(query, page, size));
  }

  /** Recomputes every event's hash in order and reports the first event that does not fit the chain. */
  public Uni<ChainVerification> verify() {
    return access.require(Permission.READ_AUDIT)
        .chain(() -> verifyFrom(0, AuditEvent.GENESIS, 0));
  }

  /** The sealed chain ends before {@code firstUnsealed}; nothing after it may be sealed yet. */
  private Uni<ChainVerification> unsealedTail(long firstUnsealed, long checked) {
    return events.countSealsFrom(firstUnsealed).chain(sealedLater -> events.countUnsealed().map(unsealed ->
        sealedLater == 0 ? new ChainVerification(true, checked, null, null, unsealed)
            : new ChainVerification(false, checked, firstUnsealed, "a sealed event follows an unsealed one",
                unsealed)));
  }

  private Uni<ChainVerification> verifyFrom(long afterSeq, String expectedPrevious, long checked) {
    return events.withSealsAfter(afterSeq, VERIFY_BATCH).chain(batch -> {
      String previous = expectedPrevious;
      long count = checked;
      for (SealedEvent sealed : batch) {
        AuditEvent event = sealed.event();
        if (sealed.seal() == null) {
          return unsealedTail(event.seq, count);
        }
        if (!sealed.seal().previousHash().equals(previous)) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "does not link to the event before it (an event was removed or reordered)", 0));
        }
        if (!event.hashAfter(previous).equals(sealed.seal().hash())) {
          return Uni.createFrom().item(new ChainVerification(false, count, event.seq,
              "its content does not match its hash (it was altered)", 0));
        }
        previous = sealed.seal().hash();
        count++;
      }
      if (batch.size() < VERIFY_BATCH) {
        return Uni.createFrom().item(new ChainVerification(true, count, null, null, 0));
      }
      return verifyFrom(batch.get(batch.size() - 1).event().seq, previous, count);
    });
  }
}
