package org.openucp.clinical.audit.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.audit.repository.AuditRepository.Checkpoint;
import org.openucp.clinical.audit.repository.AuditRepository.Seal;
import org.openucp.clinical.audit.repository.AuditRepository.SealedEvent;
import org.openucp.clinical.audit.repository.AuditRepository.Verification;
import org.openucp.clinical.audit.service.ChainVerification.PreviousVerification;
import org.openucp.clinical.audit.service.ChainVerification.Scope;
import org.openucp.web.time.WallClock;

/**
 * Recomputes the audit chain block by block and reports the first block that does not fit it: a seal that does not
 * link to the one before it, a block with more or fewer events than were sealed, or events whose content no longer
 * gives their seal's hash. A walk either continues from the newest recorded verification (the chain's hash at the
 * sealed event it reached), so that its cost grows with the events sealed since, or walks the whole retained trail
 * from the genesis or the newest destruction checkpoint. A full walk that verifies is recorded, and so is each run of
 * the scheduled verifier, which keeps the newest record close behind the chain head.
 */
@ApplicationScoped
public class ChainVerifier {

  /** Who the scheduled verifier's records name. */
  public static final String SCHEDULED = "scheduled-verifier";

  private static final Logger LOG = Logger.getLogger(ChainVerifier.class);
  private static final int BATCH = 1000;
  /** The PostgreSQL advisory lock a replica holds while its scheduled verifier runs, so that replicas take turns. */
  public static final long VERIFIER_LOCK = 0x6f75_6370_7665_7269L;

  private final AuditRepository events;
  private final Pool database;
  private final Clock clock;
  private final Counter broken;

  public ChainVerifier(AuditRepository events, Pool database, @WallClock Clock clock, MeterRegistry registry) {
    this.events = events;
    this.database = database;
    this.clock = clock;
    this.broken = Counter.builder("openucp.audit.chain.broken")
        .description("Scheduled verifications that found the audit chain broken").register(registry);
  }

  /**
   * Walks the chain on any connection of the pool: the whole retained trail when {@code full}, else the events since
   * the newest recorded verification (the whole trail while none is recorded). A full walk that verifies is recorded
   * as {@code by}'s.
   */
  public Uni<ChainVerification> verify(boolean full, String by) {
    return verify(database, full, full ? by : null);
  }

  @Scheduled(identity = "audit-verifier", every = "${clinical.audit.verify-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return verifyNewEvents().onFailure().recoverWithItem(failure -> {
      LOG.warnf("The audit chain was not verified this time: %s", failure.toString());
      return null;
    }).replaceWithVoid();
  }

  /**
   * One run of the scheduled verifier: verifies the events sealed since the newest recorded verification and records
   * how far it got. Replicas take turns on an advisory lock; emits null when another replica is verifying.
   */
  public Uni<ChainVerification> verifyNewEvents() {
    return database.withConnection(connection -> connection
        .query("SELECT pg_try_advisory_lock(" + VERIFIER_LOCK + ")").execute()
        .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().nullItem()
            : verify(connection, false, SCHEDULED)
                .invoke(result -> {
                  if (!result.intact()) {
                    broken.increment();
                    LOG.errorf("The audit chain does not verify: the block starting at event %d %s",
                        result.firstBrokenSeq(), result.problem());
                  }
                })
                .eventually(() -> connection.query("SELECT pg_advisory_unlock(" + VERIFIER_LOCK + ")").execute())));
  }

  private Uni<ChainVerification> verify(SqlClient client, boolean full, String recordAs) {
    long startedNanos = System.nanoTime();
    return walk(client, full)
        .map(walked -> walked.took((System.nanoTime() - startedNanos) / 1_000_000))
        .chain(walked -> {
          ChainVerification result = walked.result();
          return recordAs == null || !result.intact() || result.verifiedThroughSeq() == null
              || result.verifiedThroughSeq() <= result.startedAfterSeq() ? Uni.createFrom().item(result)
              : record(client, walked, recordAs);
        });
  }

  private Uni<Walked> walk(SqlClient client, boolean full) {
    return events.latestCheckpoint(client).chain(checkpoint ->
        (full ? Uni.createFrom().<Verification>nullItem() : events.latestVerification(client)).chain(previous -> {
          long destroyedThrough = checkpoint == null ? 0 : checkpoint.throughSeq();
          Walk walk = new Walk(checkpoint,
              previous != null && previous.throughSeq() > destroyedThrough ? previous : null);
          return events.sealedThrough(client).chain(through -> walk.previous == null ? walkFrom(client, walk, through)
              : events.sealHash(client, previous.throughSeq()).chain(hash -> previous.chainHash().equals(hash)
                  ? walkFrom(client, walk, through)
                  : Uni.createFrom().item(walk.brokenAt(previous.throughSeq(), "is where verification "
                      + previous.id() + " ended, and its seal is gone or no longer has the hash it verified"))));
        })
            // A destruction of old events that commits while the walk reads them moves the checkpoint on, and the
            // walk would find the events it expected gone: it is then walked again from the new checkpoint.
            .chain(walked -> walked.result().intact() ? Uni.createFrom().item(walked)
                : events.latestCheckpoint(client).chain(now -> Objects.equals(seq(now), seq(checkpoint))
                    ? Uni.createFrom().item(walked) : walk(client, full))));
  }

  private Uni<ChainVerification> record(SqlClient client, Walked walked, String by) {
    ChainVerification result = walked.result;
    return events.recordVerification(client, result.verifiedThroughSeq(), walked.chainHash, result.startedAfterSeq(),
            result.scope().name(), result.eventsChecked(), clock.instant(), by, result.durationMs())
        .map(recorded -> result.recorded(recorded.id()))
        .onFailure().recoverWithItem(failure -> {
          // The walk stands; only its record is missing, and the next full or scheduled walk records one.
          LOG.warnf("A verification of the audit chain through event %d was not recorded: %s",
              result.verifiedThroughSeq(), failure.toString());
          return result;
        });
  }

  private static Long seq(Checkpoint checkpoint) {
    return checkpoint == null ? null : checkpoint.throughSeq();
  }

  private Uni<Walked> walkFrom(SqlClient client, Walk walk, long through) {
    return walkBatches(client, walk, through)
        .chain(walked -> walked.isPresent() ? Uni.createFrom().item(walked.get())
            // Events after the last seal wait for the sealer; they are counted as it counts them, at the chain head.
            : events.countUnsealed(client).map(walk::intact));
  }

  /**
   * Walks the events after the walk's start through {@code through}, a batch at a time; empty once all of them fit
   * the chain. Batches are read one after another by repeating one step (not by nesting a step per batch, which
   * would grow the stack with the trail).
   */
  private Uni<Optional<Walked>> walkBatches(SqlClient client, Walk walk, long through) {
    return Uni.createFrom().deferred(() -> walk.cursor >= through ? Uni.createFrom().item(List.<SealedEvent>of())
            : events.withSealsAfter(client, walk.cursor, through, BATCH))
        // Hashing a batch takes a millisecond or more: not on the event loop that serves crisis lookups.
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(batch -> walk.addAll(batch, through))
        .repeat().whilst(step -> step == Walk.NEXT_BATCH)
        .collect().last()
        .map(step -> step == Walk.ALL_FIT ? Optional.<Walked>empty() : Optional.of(step));
  }

  /** A walk's result, and the chain's hash where it ended (what a record of it keeps). */
  private record Walked(ChainVerification result, String chainHash) {

    Walked took(long durationMs) {
      return new Walked(new ChainVerification(result.intact(), result.scope(), result.eventsChecked(), result.firstBrokenSeq(),
          result.problem(), result.unsealed(), result.startedAfterSeq(), result.startedFrom(),
          result.verifiedThroughSeq(), result.recordedVerification(), durationMs, result.verifiedAfterSeq(),
          result.genesisHash()), chainHash);
    }
  }

  /** Where a verification has got to: the chain's hash at the last seal, and the block read since. */
  private static final class Walk {
    /** Where the retained trail starts: the genesis, or the checkpoint the last destruction of old events recorded. */
    final Checkpoint checkpoint;
    /** The recorded verification this walk continues from; null when it walks the whole retained trail. */
    final Verification previous;
    /** What {@link #addAll} answers while more batches are to be read, and once every event fitted. */
    static final Walked NEXT_BATCH = new Walked(null, null);
    static final Walked ALL_FIT = new Walked(null, null);

    final long startedAfterSeq;
    /** The last event read. */
    long cursor;
    String sealedHash;
    Long sealedSeq;
    String hash;
    long checked;
    long blockStart;
    int blockEvents;

    Walk(Checkpoint checkpoint, Verification previous) {
      this.checkpoint = checkpoint;
      this.previous = previous;
      if (previous != null) {
        startedAfterSeq = previous.throughSeq();
        sealedHash = previous.chainHash();
        sealedSeq = previous.throughSeq();
      } else if (checkpoint != null) {
        startedAfterSeq = checkpoint.throughSeq();
        sealedHash = checkpoint.genesisHash();
      } else {
        startedAfterSeq = 0;
        sealedHash = AuditEvent.GENESIS;
      }
      hash = sealedHash;
      cursor = startedAfterSeq;
    }

    /**
     * Adds a batch of events read after {@link #cursor}: the problem once a sealed block does not fit, else
     * {@link #NEXT_BATCH} while the batch was full, else what the end of the sealed events says.
     */
    Walked addAll(List<SealedEvent> batch, long through) {
      for (SealedEvent sealed : batch) {
        Walked broken = add(sealed);
        if (broken != null) {
          return broken;
        }
        cursor = sealed.event().seq;
      }
      if (batch.size() == BATCH) {
        return NEXT_BATCH;
      }
      Walked end = endOfSealedEvents(through);
      return end == null ? ALL_FIT : end;
    }

    Walked brokenAt(long seq, String problem) {
      blockStart = seq;
      return broken("event " + seq + " " + problem);
    }

    Walked broken(String problem) {
      return new Walked(result(false, blockStart, problem, 0), null);
    }

    Walked intact(long unsealed) {
      return new Walked(result(true, null, null, unsealed), sealedHash);
    }

    private ChainVerification result(boolean intact, Long firstBroken, String problem, long unsealed) {
      return new ChainVerification(intact, previous == null ? Scope.FULL : Scope.SINCE_LAST_VERIFICATION, checked,
          firstBroken, problem, unsealed, startedAfterSeq, previous == null ? null
              : new PreviousVerification(previous.id(), previous.throughSeq(), previous.verifiedAt(),
                  Scope.valueOf(previous.scope()), previous.eventsChecked()),
          sealedSeq, null, 0, checkpoint == null ? null : checkpoint.throughSeq(),
          checkpoint == null ? null : checkpoint.genesisHash());
    }

    /** Every event through the chain head at the start was read: all of them must have been in sealed blocks. */
    Walked endOfSealedEvents(long through) {
      if (blockEvents == 0) {
        return null;
      }
      return broken("events " + blockStart + " to " + through + " are in no sealed block although the chain head"
          + " is at " + through + " (the seal that ended them was removed)");
    }

    /** Adds the event to the current block; null while it fits, the problem once a sealed block does not. */
    Walked add(SealedEvent sealed) {
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
      sealedSeq = seal.seq();
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
}
