package org.openucp.portal.transfer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.openucp.portal.transfer.repository.OutboxRepository;

/**
 * The move's backlog as Prometheus gauges: submitted drafts waiting for delivery, and how long the oldest has waited.
 * A growing age means patients' submissions are not reaching their clinical teams.
 */
@ApplicationScoped
public class OutboxGauges {

  private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

  private final OutboxRepository outbox;
  private final Clock clock;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();

  public OutboxGauges(OutboxRepository outbox, Clock clock, MeterRegistry registry) {
    this.outbox = outbox;
    this.clock = clock;
    Gauge.builder("openucp.transfer.outbox.waiting", waiting, AtomicLong::get)
        .description("Submitted drafts waiting for delivery to the clinical intake").register(registry);
    Gauge.builder("openucp.transfer.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
        .description("How long the oldest undelivered submission has waited").register(registry);
  }

  @Scheduled(identity = "outbox-gauges", every = "${portal.transfer.monitoring-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return refresh().onFailure().recoverWithItem(failure -> {
      LOG.warnf("Outbox backlog not counted this time: %s", failure.toString());
      return null;
    });
  }

  /** Counts the backlog now. */
  @WithSession
  public Uni<Void> refresh() {
    return outbox.backlog().invoke(backlog -> {
      waiting.set(backlog.drafts());
      oldestAgeSeconds.set(backlog.oldest() == null ? 0
          : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toSeconds()));
    }).replaceWithVoid();
  }
}
