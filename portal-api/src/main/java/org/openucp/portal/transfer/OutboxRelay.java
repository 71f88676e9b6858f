package org.openucp.portal.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.repository.DraftRepository;
import org.openucp.portal.transfer.client.ClinicalIntakeClient;
import org.openucp.portal.transfer.repository.OutboxRepository.Claim;
import org.openucp.portal.transfer.repository.OutboxRepository;
import org.openucp.portal.transfer.repository.SubmissionReceiptRepository;
import org.openucp.web.problem.DatabaseUnavailable;
import org.openucp.web.trace.TraceParents;

/**
 * Moves submitted drafts to the clinical intake, exactly once in effect: claim due outbox rows (skipping rows other
 * replicas hold), deliver each with its draft id as the idempotency key, and only after the intake has answered
 * delete the portal copy and its outbox row together. A crash anywhere leaves the row to be claimed again once its
 * lease ends; the intake answers a repeat with the first receipt, so the end state is the same. A replica that is
 * shut down takes no new claims from the start of its shutdown and, at the end, hands back the claims it has not
 * finished, so that another replica delivers those drafts at once rather than after the lease.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final String NUDGE = "portal.outbox.nudge";

  private final OutboxRepository outbox;
  private final DraftRepository drafts;
  private final SubmissionReceiptRepository receipts;
  private final ClinicalIntakeClient intake;
  private final TransferConfig config;
  private final EventBus bus;
  private final Clock clock;
  private final Counter deliveryFailures;
  private final Tracer tracer;
  /** The claims this replica took and has not finished, with the lease end it wrote into each. */
  private final Map<UUID, Instant> held = new ConcurrentHashMap<>();
  /** The drafts on their way to the intake right now. */
  private final Set<UUID> delivering = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public OutboxRelay(OutboxRepository outbox, DraftRepository drafts, SubmissionReceiptRepository receipts,
      @RestClient ClinicalIntakeClient intake, TransferConfig config, EventBus bus, Clock clock,
      MeterRegistry registry, Tracer tracer) {
    this.outbox = outbox;
    this.drafts = drafts;
    this.receipts = receipts;
    this.intake = intake;
    this.config = config;
    this.bus = bus;
    this.clock = clock;
    this.tracer = tracer;
    this.deliveryFailures = Counter.builder("openucp.transfer.delivery.failures")
        .description("Deliveries of submitted drafts to the clinical intake that failed and will be retried")
        .register(registry);
  }

  /** Asks for a relay run soon, off the caller's request. */
  public void nudge() {
    if (config.relayOnSubmit()) {
      bus.send(NUDGE, "");
    }
  }

  @ConsumeEvent(NUDGE)
  Uni<Void> onNudge(String ignored) {
    return relayDue().replaceWithVoid();
  }

  @Scheduled(identity = "outbox-relay", every = "${portal.transfer.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return DatabaseUnavailable.putOffWhileUnavailable(relayDue().replaceWithVoid());
  }

  /** One relay run: delivers every due draft it can claim, one after another. Emits how many moved. */
  public Uni<Integer> relayDue() {
    if (stopping) {
      return Uni.createFrom().item(0);
    }
    Instant now = clock.instant();
    // A claim left held (its outcome could not be written) has run out by now, and is no longer this replica's.
    held.values().removeIf(leaseEnd -> leaseEnd.isBefore(now));
    // As PostgreSQL stores it (microseconds): the lease end is how this replica knows its own claims when releasing.
    Instant leaseEnd = now.plus(config.claimLease()).truncatedTo(ChronoUnit.MICROS);
    return outbox.claimDue(now, leaseEnd, config.batchSize())
        .chain(claims -> claims.isEmpty() ? Uni.createFrom().item(List.<Claimed>of())
            : Panache.withSession(() -> drafts.findAllById(claims.stream().map(Claim::draftId).toList()))
                .map(found -> claimed(claims, found)))
        .invoke(claimed -> claimed.forEach(due -> held.put(due.draft().draftId(), leaseEnd)))
        .chain(due -> Multi.createFrom().iterable(due)
            .onItem().transformToUniAndConcatenate(this::deliverUnlessStopping)
            .filter(Boolean::booleanValue)
            .collect().asList()
            .map(List::size));
  }

  /** A claimed draft ready to go, with the trace of its submission. */
  private record Claimed(SubmittedDraft draft, String traceParent) {
  }

  private static List<Claimed> claimed(List<Claim> claims, List<Draft> found) {
    Map<UUID, String> traces = new HashMap<>();
    claims.forEach(claim -> traces.put(claim.draftId(), claim.traceParent()));
    return found.stream().map(draft -> new Claimed(draft.asSubmitted(), traces.get(draft.id))).toList();
  }

  /** Delivers a claimed draft, unless shutdown has begun: its claim then stays held, to be released. */
  private Uni<Boolean> deliverUnlessStopping(Claimed claimed) {
    UUID id = claimed.draft().draftId();
    if (stopping) {
      return Uni.createFrom().item(false);
    }
    delivering.add(id);
    return deliver(claimed).onTermination().invoke(() -> delivering.remove(id));
  }

  /** Shutdown has begun (the delay while the service still answers requests): claim nothing more. */
  void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
    stopping = true;
  }

  /**
   * The service is stopping: waits a little for deliveries under way, then hands back the claims this replica still
   * holds, each only while it carries this replica's lease end (a claim that ran out and was taken by another
   * replica stays theirs). Without this those drafts would wait for the lease to run out.
   */
  void onShutdown(@Observes ShutdownEvent event) {
    stopping = true;
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (!delivering.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Map<UUID, Instant> unfinished = Map.copyOf(held);
    if (unfinished.isEmpty()) {
      return;
    }
    try {
      int released = outbox.release(unfinished).await().atMost(Duration.ofSeconds(5));
      held.keySet().removeAll(unfinished.keySet());
      LOG.infof("Shutting down: released %d claim(s) on submitted drafts for other replicas to deliver", released);
    } catch (RuntimeException e) {
      LOG.warnf("Shutting down: %d claim(s) on submitted drafts not released; they wait for their lease to run out:"
          + " %s", unfinished.size(), e.toString());
    }
  }

  /**
   * Emits whether the draft moved. Once its outcome is written the claim is no longer held, unless shutdown has
   * begun: releasing it then changes nothing, as the release only touches a row still claimed until this lease end.
   */
  private Uni<Boolean> deliver(Claimed claimed) {
    SubmittedDraft draft = claimed.draft();
    UUID id = draft.draftId();
    return traced(claimed.traceParent(), carried -> intake.deliver(id.toString(), carried, draft))
        .chain(receipt -> Panache.withTransaction(() -> drafts.deleteSubmitted(id)
                .chain(() -> receipts.delivered(id, receipt.submissionId(), clock.instant())))
            .invoke(() -> LOG.infof("Draft %s moved to the clinical intake as %s", id, receipt.submissionId())))
        .replaceWith(true)
        // A delivery that never finishes must not hold up the relay run for good. The one cause seen (transactions
        // left open after the draft's delete, as many as the pool's connections but one, under the draft-move
        // benchmark) is gone (DraftRepository#deleteSubmitted); this stays for any other. PostgreSQL ends an abandoned
        // transaction after openucp.database.idle-in-transaction-timeout, and the retry moves the draft (the intake
        // answers the repeat with its first receipt).
        .ifNoItem().after(config.deliveryTimeout()).failWith(() -> new TimeoutException(
            "the delivery did not finish within " + config.deliveryTimeout()))
        .onFailure(OutboxRelay::consentWithdrawn).recoverWithUni(() -> dropWithdrawn(id))
        // A delivery cut short while this replica shuts down is left claimed: the claim is released at shutdown,
        // and another replica tries at once rather than after a retry delay.
        .onFailure().recoverWithUni(failure -> stopping ? Uni.createFrom().item(false)
            : postpone(id, failure).replaceWith(false))
        .invoke(moved -> {
          if (!stopping) {
            held.remove(id);
          }
        });
  }

  /**
   * Runs the delivery in a span continuing the submission's trace, and passes that span's context on explicitly:
   * the relay runs on a schedule, outside any request, so nothing else would connect the two.
   */
  private <T> Uni<T> traced(String submissionTrace, Function<String, Uni<T>> delivery) {
    Span span = tracer.spanBuilder("deliver submitted draft").setSpanKind(SpanKind.PRODUCER)
        .setParent(TraceParents.parentOf(submissionTrace)).startSpan();
    return Uni.createFrom().<T>emitter(emitter -> {
      try (Scope current = span.makeCurrent()) {
        delivery.apply(TraceParents.of(span)).subscribe().with(emitter::complete, emitter::fail);
      }
    }).onTermination().invoke(span::end);
  }

  /** The patient withdrew consent while this delivery was on its way: the clinical API stored nothing (410). */
  private static boolean consentWithdrawn(Throwable failure) {
    return failure instanceof WebApplicationException refused && refused.getResponse() != null
        && refused.getResponse().getStatus() == 410;
  }

  /** The withdrawal erases the patient's portal records too; this makes sure the draft goes even before that. */
  private Uni<Boolean> dropWithdrawn(UUID draftId) {
    LOG.infof("Draft %s not delivered: the patient withdrew consent after submitting it", draftId);
    return Panache.withTransaction(() -> drafts.deleteSubmitted(draftId)
            .chain(() -> receipts.erased(draftId, clock.instant())))
        .replaceWith(false);
  }

  private Uni<Integer> postpone(UUID draftId, Throwable failure) {
    String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    LOG.warnf("Delivery of draft %s failed, will retry: %s", draftId, error);
    deliveryFailures.increment();
    return Panache.withTransaction(() -> outbox.findById(draftId).chain(message -> {
      if (message == null) {
        return Uni.createFrom().item(0);
      }
      Instant next = clock.instant().plus(retryDelay(message.attempts + 1));
      return outbox.recordFailure(draftId, next, error.length() > 500 ? error.substring(0, 500) : error);
    }));
  }

  private Duration retryDelay(int attempts) {
    Duration delay = config.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
    return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
  }
}
