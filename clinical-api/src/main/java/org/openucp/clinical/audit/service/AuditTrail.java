package org.openucp.clinical.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.audit.repository.AuditRepository.Seal;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.DatabaseUnavailable;
import org.openucp.web.time.WallClock;

/**
 * The append-only, hash-chained audit trail. Appends are single inserts; a sealer then links settled events into
 * the chain in sequence order by appending their seals. The database refuses any update or delete of either, but
 * for the one sanctioned destruction of the oldest events once their retention has ended (retention package), which
 * records a sealed checkpoint that verification then starts from. Verification ({@link ChainVerifier}) continues
 * from the newest recorded verification unless asked to walk the whole retained trail.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int MAX_BATCHES_PER_RUN = 10_000;

  private final AuditRepository events;
  private final Pool database;
  private final AccessGuard access;
  private final AuditContext audit;
  private final AuditConfig config;
  private final ChainVerifier verifier;
  private final Clock clock;

  public AuditTrail(AuditRepository events, Pool database, AccessGuard access, AuditContext audit,
      AuditConfig config, ChainVerifier verifier, @WallClock Clock clock) {
    this.verifier = verifier;
    this.events = events;
    this.audit = audit;
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

  /** Appends several events in one batch, e.g. one for each patient a list showed. */
  public Uni<Void> appendAll(List<AuditEvent> batch) {
    return events.insertAll(batch);
  }

  /**
   * Links the settled events after the chain head into the hash chain as one block, in sequence order, stopping at
   * the first event that may not have settled: one seal for the block. The chain head's row lock makes replicas
   * take turns. Emits how many events were sealed.
   */
  public Uni<Integer> sealSettled() {
    Instant settledBefore = clock.instant().minus(config.settle());
    return database.withTransaction(connection -> events.lockHead(connection).chain(head ->
        events.unsealedAfter(connection, head.lastSeq(), config.sealBatch()).chain(waiting -> {
          String hash = head.lastHash();
          int sealed = 0;
          for (AuditEvent event : waiting) {
            if (!event.occurredAt.isBefore(settledBefore)) {
              break;
            }
            hash = event.hashAfter(hash);
            sealed++;
          }
          if (sealed == 0) {
            return Uni.createFrom().item(0);
          }
          Seal seal = new Seal(waiting.get(sealed - 1).seq, head.lastHash(), hash, sealed);
          return events.appendSeal(connection, seal).replaceWith(sealed);
        })));
  }

  @Scheduled(identity = "audit-sealer", every = "${clinical.audit.seal-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    // Small batches, one after another until the settled backlog is sealed: each batch holds the event loop only
    // briefly, so sealing a busy second's events does not stall the lookups sharing that loop.
    return DatabaseUnavailable.putOffWhileUnavailable(sealSettled().repeat()
        .whilst(sealed -> sealed == config.sealBatch())
        .select().first(MAX_BATCHES_PER_RUN)
        .collect().last().replaceWithVoid());
  }

  @WithSession
  public Uni<Slice<AuditEvent>> search(AuditQuery query, int page, int size) {
    return access.require(Permission.READ_AUDIT).chain(() -> events.search(query, page, size))
        .invoke(found -> audit.revealed(found.items().stream().map(event -> event.nhsNumber).filter(Objects::nonNull)
            .distinct().map(NhsNumber::of).toList()));
  }

  /**
   * Checks the chain (see {@link ChainVerifier}): by default the events sealed since the newest recorded
   * verification; with {@code full}, the whole retained trail, recorded as the caller's verification when it verifies.
   */
  public Uni<ChainVerification> verify(boolean full) {
    return access.require(Permission.READ_AUDIT).chain(staff -> verifier.verify(full, staff.id()));
  }
}
