package org.openucp.clinical.review.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.review.ReviewTask;
import org.openucp.clinical.review.repository.ReviewTaskRepository;
import org.openucp.clinical.urgentcare.repository.PublishedPlanRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.problem.ProblemException;

/**
 * Keeps plans from going stale: finds published plans whose review date has passed or falls within the notice
 * period, and records one task for the owning organisation. Safe with several replicas running it.
 */
@ApplicationScoped
public class ReviewReminders {

  private final PublishedPlanRepository published;
  private final ReviewTaskRepository tasks;
  private final ReviewConfig config;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public ReviewReminders(PublishedPlanRepository published, ReviewTaskRepository tasks, ReviewConfig config,
      AccessGuard access, AuditContext audit, Clock clock) {
    this.audit = audit;
    this.published = published;
    this.tasks = tasks;
    this.config = config;
    this.access = access;
    this.clock = clock;
  }

  @Scheduled(identity = "review-reminders", every = "${clinical.reviews.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return remindDue().replaceWithVoid();
  }

  /** One run: emits how many new reminders were recorded. */
  @WithTransaction
  public Uni<Integer> remindDue() {
    LocalDate horizon = LocalDate.now(clock).plus(config.notice());
    return published.reviewDueBy(horizon).chain(due -> Multi.createFrom().iterable(due)
        .onItem().transformToUniAndConcatenate(plan -> tasks.createOnce(plan, clock.instant()))
        .filter(Boolean::booleanValue)
        .collect().asList()
        .map(List::size));
  }

  /** An organisation's plans due or overdue for review: for its own staff who work on plans. */
  @WithSession
  public Uni<List<ReviewTask>> dueFor(OdsCode organisation) {
    return access.require(Permission.VIEW_DRAFT).chain(staff -> {
      if (!staff.organisation().equals(organisation)) {
        throw ProblemException.forbidden("other-organisation",
            "You can see the reviews of your own organisation, " + staff.organisation() + ", only");
      }
      return tasks.openFor(organisation.value());
    }).invoke(due -> audit.revealed(due.stream().map(task -> NhsNumber.of(task.nhsNumber)).toList()));
  }
}
