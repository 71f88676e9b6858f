package org.openucp.portal.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.openucp.web.trace.TraceParents;

/**
 * Moves submitted drafts to the clinical intake, exactly once in effect: claim due outbox rows (skipping rows other
 * replicas hold), deliver each with its draft id as the idempotency key, and only after the intake has answered
 * delete the portal copy and its outbox row together. A crash anywhere leaves the row to be claimed again once its
 * lease ends; the intake answers a repeat with the first receipt, so the end state is the same.
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
    return relayDue().replaceWithVoid();
  }

  /** One relay run: delivers every due draft it can claim, one after another. Emits how many moved. */
  public Uni<Integer> relayDue() {
    Instant now = clock.instant();
    return Panache.withTransaction(() -> outbox.claimDue(now, now.plus(config.claimLease()), config.batchSize())
            .chain(claims -> claims.isEmpty() ? Uni.createFrom().item(List.<Claimed>of())
                : drafts.findAllById(claims.stream().map(Claim::draftId).toList()).map(found -> claimed(claims, found))))
        .chain(due -> Multi.createFrom().iterable(due)
            .onItem().transformToUniAndConcatenate(this::deliver)
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

  private Uni<Boolean> deliver(Claimed claimed) {
    SubmittedDraft draft = claimed.draft();
    return traced(claimed.traceParent(), carried -> intake.deliver(draft.draftId().toString(), carried, draft))
        .chain(receipt -> Panache.withTransaction(() -> drafts.deleteById(draft.draftId())
                .chain(() -> receipts.delivered(draft.draftId(), receipt.submissionId(), clock.instant())))
            .invoke(() -> LOG.infof("Draft %s moved to the clinical intake as %s", draft.draftId(),
                receipt.submissionId())))
        .replaceWith(true)
        .onFailure(OutboxRelay::consentWithdrawn).recoverWithUni(() -> dropWithdrawn(draft.draftId()))
        .onFailure().recoverWithUni(failure -> postpone(draft.draftId(), failure).replaceWith(false));
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
    return Panache.withTransaction(() -> drafts.deleteById(draftId)
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
