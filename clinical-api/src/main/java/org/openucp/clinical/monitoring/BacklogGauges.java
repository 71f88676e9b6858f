package org.openucp.clinical.monitoring;

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
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.governance.service.InformationGovernance;
import org.openucp.clinical.review.repository.ReviewTaskRepository;
import org.openucp.web.time.WallClock;

/**
 * The backlogs an on-call engineer or the information governance team watches, counted in the database on a
 * schedule and served as Prometheus gauges: audit events waiting to be sealed and how far the sealer lags, open
 * review reminders, and overdue or nearly-due governance deadlines. Numbers only: no patient, no case.
 */
@ApplicationScoped
public class BacklogGauges {

  private static final Logger LOG = Logger.getLogger(BacklogGauges.class);

  private final AuditRepository audit;
  private final ReviewTaskRepository reviews;
  private final InformationGovernance governance;
  private final Clock clock;
  private final AtomicLong unsealedEvents = new AtomicLong();
  private final AtomicLong sealerLagSeconds = new AtomicLong();
  private final AtomicLong openReviewReminders = new AtomicLong();
  private final AtomicLong overdueDeadlines = new AtomicLong();
  private final AtomicLong deadlinesDueSoon = new AtomicLong();

  public BacklogGauges(MeterRegistry registry, AuditRepository audit, ReviewTaskRepository reviews,
      InformationGovernance governance, @WallClock Clock clock) {
    this.audit = audit;
    this.reviews = reviews;
    this.governance = governance;
    this.clock = clock;
    gauge(registry, "openucp.audit.unsealed.events", "Audit events waiting to be sealed into the chain",
        unsealedEvents);
    gauge(registry, "openucp.audit.sealer.lag.seconds", "Age of the oldest audit event waiting to be sealed",
        sealerLagSeconds);
    gauge(registry, "openucp.review.reminders.open", "Review reminders open across all organisations",
        openReviewReminders);
    gauge(registry, "openucp.governance.deadlines.overdue",
        "Rights-request and breach clocks, appraisals and re-consents past their deadline", overdueDeadlines);
    gauge(registry, "openucp.governance.deadlines.due.soon", "Information governance deadlines due within 48 hours",
        deadlinesDueSoon);
  }

  private static void gauge(MeterRegistry registry, String name, String description, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
  }

  @Scheduled(identity = "backlog-gauges", every = "${clinical.monitoring.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return refresh().onFailure().recoverWithItem(failure -> {
      LOG.warnf("Backlog gauges not counted this time: %s", failure.toString());
      return null;
    });
  }

  /** Counts every backlog now. */
  @WithSession
  public Uni<Void> refresh() {
    return audit.unsealedBacklog().invoke(backlog -> {
      unsealedEvents.set(backlog.events());
      sealerLagSeconds.set(backlog.oldest() == null ? 0
          : Math.max(0, Duration.between(backlog.oldest(), clock.instant()).toSeconds()));
    })
        .chain(reviews::countOpen).invoke(openReviewReminders::set)
        .chain(() -> governance.counts(InformationGovernance.SOON)).invoke(counts -> {
          overdueDeadlines.set(counts.overdue());
          deadlinesDueSoon.set(counts.dueSoon());
        })
        .replaceWithVoid();
  }
}
