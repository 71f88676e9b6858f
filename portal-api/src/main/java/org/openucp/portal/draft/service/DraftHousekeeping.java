package org.openucp.portal.draft.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftConfig;
import org.openucp.portal.draft.repository.DraftRepository;
import org.openucp.portal.notification.Emails;

/**
 * Keeps drafts only as long as promised: destroys unsubmitted drafts after the retention period, and sends each
 * unsubmitted draft's patient one reminder offering help, to the email address they gave and nowhere else. Safe
 * with several replicas running it.
 */
@ApplicationScoped
public class DraftHousekeeping {

  private static final Logger LOG = Logger.getLogger(DraftHousekeeping.class);
  private static final int REMINDER_BATCH = 100;

  private final DraftRepository drafts;
  private final DraftConfig config;
  private final Emails emails;
  private final Clock clock;

  public DraftHousekeeping(DraftRepository drafts, DraftConfig config, Emails emails, Clock clock) {
    this.drafts = drafts;
    this.config = config;
    this.emails = emails;
    this.clock = clock;
  }

  @Scheduled(identity = "draft-housekeeping", every = "${portal.drafts.housekeeping-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return destroyExpired().chain(this::sendReminders).replaceWithVoid();
  }

  /** Destroys unsubmitted drafts unchanged for longer than the retention period. Emits how many. */
  public Uni<Integer> destroyExpired() {
    Instant cutoff = clock.instant().minus(config.retention());
    return Panache.withTransaction(() -> drafts.unsubmittedSince(cutoff).chain(expired ->
        Multi.createFrom().iterable(expired)
            // By statement with the version read (Versions#checkDeleted says why): a draft the patient saved
            // meanwhile is kept.
            .onItem().transformToUniAndConcatenate(draft -> drafts
                .delete("id = ?1 and version = ?2", draft.id, draft.version)
                // Only the fact of destruction is logged: never the content.
                .invoke(deleted -> {
                  if (deleted > 0) {
                    LOG.infof("Destroyed draft %s: unsubmitted and unchanged since %s", draft.id, draft.updatedAt);
                  }
                }))
            .collect().with(Collectors.summingLong(Long::longValue))
            .map(Long::intValue)));
  }

  /** Sends the one reminder each unsubmitted draft is due. Emits how many were sent. */
  public Uni<Integer> sendReminders() {
    Instant now = clock.instant();
    return Panache.withTransaction(() -> drafts.claimReminders(now.minus(config.reminderAfter()), now,
            REMINDER_BATCH))
        .chain(claimed -> Multi.createFrom().iterable(claimed)
            .onItem().transformToUniAndConcatenate(this::remind)
            .filter(Boolean::booleanValue)
            .collect().asList()
            .map(List::size));
  }

  private Uni<Boolean> remind(Draft draft) {
    return emails.draftReminder(draft.email, config.retention().toDays());
  }
}
