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
import org.openucp.clinical.audit.repository.AuditRepository.Checkpoint;
import org.openucp.clinical.audit.repository.AuditRepository.Seal;
import org.openucp.clinical.audit.repository.AuditRepository.SealedEvent;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.DatabaseUnavailable;
import org.openucp.web.time.WallClock;

/**
 * The append-only, hash-chained audit trail. Appends are single inserts; a sealer then links settled events into
 * the chain in sequence order by appending their seals. The database refuses any update or delete of either, but
 * for the one sanctioned destruction of the oldest events once their retention has ended (retention package), which
 * records a sealed checkpoint that verification then starts from.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int VERIFY_BATCH = 500;
  private static final int MAX_BATCHES_PER_RUN = 10_000;

  private final AuditRepository events;
  private final Pool database;
  private final AccessGuard access;
  private final AuditContext audit;
  private final AuditConfig config;
  private final Clock clock;

  public AuditTrail(AuditRepository events, Pool database, AccessGuard access, AuditContext audit,
      AuditConfig config, @WallClock Clock clock) {
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
  public Uni<List<AuditEvent>> search(AuditQuery query, int page, int size) {
    return access.require(Permission.READ_AUDIT).chain(() -> events.search(query, page, size))
        .invoke(found -> audit.revealed(found.stream().map(event -> event.nhsNumber).filter(Objects::nonNull)
            .distinct().map(NhsNumber::of).toList()));
  }

  /**
   * Recomputes every event's hash in order, block by block, and reports the first block that does not fit the
   * chain: a seal that does not link to the one before it, a block with more or fewer events than were sealed, or
   * events whose content no longer gives their seal's hash.
   */
  public Uni<ChainVerification> verify() {
    return access.require(Permission.READ_AUDIT).chain(this::verifyFromCheckpoint);
  }

  /**
   * From the newest checkpoint (or the genesis). A destruction of old events that commits while the walk reads them
   * moves the checkpoint on, and the walk would find the events it expected gone: it is then walked again from the
   * new checkpoint.
   */
  private Uni<ChainVerification> verifyFromCheckpoint() {
    return events.latestCheckpoint().chain(checkpoint ->
        verifyFrom(checkpoint == null ? 0 : checkpoint.throughSeq(), new Walk(checkpoint))
            .chain(result -> result.intact() ? Uni.createFrom().item(result)
                : events.latestCheckpoint().chain(now -> Objects.equals(throughSeq(now), throughSeq(checkpoint))
                    ? Uni.createFrom().item(result) : verifyFromCheckpoint())));
  }

  private static Long throughSeq(Checkpoint checkpoint) {
    return checkpoint == null ? null : checkpoint.throughSeq();
  }

  /** Where a verification has got to: the chain's hash at the last seal, and the block read since. */
  private static final class Walk {
    /** Where the retained trail starts: the genesis, or the checkpoint the last destruction of old events recorded. */
    final Checkpoint from;
    String sealedHash;
    String hash;
    long checked;
    long blockStart;
    int blockEvents;

    Walk(Checkpoint from) {
      this.from = from;
      this.sealedHash = from == null ? AuditEvent.GENESIS : from.genesisHash();
      this.hash = sealedHash;
    }

    ChainVerification broken(String problem) {
      return new ChainVerification(false, checked, blockStart, problem, 0, fromSeq(), fromHash());
    }

    ChainVerification intact(long unsealed) {
      return new ChainVerification(true, checked, null, null, unsealed, fromSeq(), fromHash());
    }

    private Long fromSeq() {
      return from == null ? null : from.throughSeq();
    }

    private String fromHash() {
      return from == null ? null : from.genesisHash();
    }

    /** Adds the event to the current block; null while it fits, the problem once a sealed block does not. */
    ChainVerification add(SealedEvent sealed) {
      AuditEvent event = sealed.event();
      if (blockEvents == 0) {
        blockStart = event.seq;
      }
      hash = event.hashAfter(hash);
      blockEvents++;
      Seal seal = sealed.seal();
      if (seal == null) {
        return null;
      }
      String problem = problemWith(seal);
      if (problem != null) {
        return broken(problem);
      }
      sealedHash = hash;
      checked += blockEvents;
      blockEvents = 0;
      return null;
    }

    private String problemWith(Seal seal) {
      if (!seal.previousHash().equals(sealedHash)) {
        return "does not link to the seal before it (an event or a seal was removed, or blocks were reordered)";
      }
      if (seal.eventCount() != blockEvents) {
        return "events " + blockStart + " to " + seal.seq() + " are " + blockEvents + " where " + seal.eventCount()
            + " were sealed (an event was removed or inserted)";
      }
      if (!seal.hash().equals(hash)) {
        return "events " + blockStart + " to " + seal.seq() + " do not match their seal (one was altered)";
      }
      return null;
    }
  }

  private Uni<ChainVerification> verifyFrom(long afterSeq, Walk walk) {
    return events.withSealsAfter(afterSeq, VERIFY_BATCH).chain(batch -> {
      for (SealedEvent sealed : batch) {
        ChainVerification broken = walk.add(sealed);
        if (broken != null) {
          return Uni.createFrom().item(broken);
        }
      }
      if (batch.size() == VERIFY_BATCH) {
        return verifyFrom(batch.get(batch.size() - 1).event().seq, walk);
      }
      // Events after the last seal wait for the sealer; they are counted as it counts them, at the chain head.
      return walk.blockEvents == 0 ? Uni.createFrom().item(walk.intact(0))
          : events.countUnsealed().map(walk::intact);
    });
  }
}
