package org.openucp.clinical.notice.service;

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
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.AuditOutcome;
import org.openucp.clinical.audit.service.AuditTrail;
import org.openucp.clinical.notice.repository.ReconsentRepository;
import org.openucp.clinical.notice.repository.ReconsentRepository.Overdue;
import org.openucp.clinical.rights.service.Restrictions;
import org.openucp.model.identity.NhsNumber;

/**
 * Restricts the plans whose consent was not given again within the grace period after a notice with changed purposes:
 * kept, not deleted, but out of urgent care until consent is given again (which lifts it) or withdrawn (which erases
 * the plan). Each plan once: a restriction information governance lifts by hand stays lifted. Safe with several
 * replicas: each claims consent rows no other holds, and a clinician recording consent holds theirs.
 */
@ApplicationScoped
public class ReconsentRestrictions {

  private static final Logger LOG = Logger.getLogger(ReconsentRestrictions.class);

  private final ReconsentRepository reconsents;
  private final Restrictions restrictions;
  private final AuditTrail trail;
  private final NoticeConfig config;
  private final Clock clock;

  public ReconsentRestrictions(ReconsentRepository reconsents, Restrictions restrictions, AuditTrail trail,
      NoticeConfig config, Clock clock) {
    this.reconsents = reconsents;
    this.restrictions = restrictions;
    this.trail = trail;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(identity = "reconsent-restrictions", every = "${clinical.notices.restriction-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return restrictOverdue()
        .onFailure().invoke(e -> LOG.warnf("Plans overdue for re-consent not restricted this time: %s", e.toString()))
        .onFailure().recoverWithNull().replaceWithVoid();
  }

  /** Restricts every plan overdue for re-consent, a batch per transaction: emits how many. */
  public Uni<Integer> restrictOverdue() {
    return restrictBatch().repeat().whilst(restricted -> restricted == config.restrictionBatch())
        .collect().with(Collectors.summingInt(Integer::intValue));
  }

  /** One batch, in one transaction; each restriction is then recorded in the audit trail as the job's. */
  Uni<Integer> restrictBatch() {
    Instant now = clock.instant();
    return Panache.withTransaction(() -> reconsents.claimOverdue(now, config.restrictionBatch())
            .call(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndConcatenate(overdue -> restrictions.restrictWithin(Reconsent.RESTRICTED_BY,
                    NhsNumber.of(overdue.nhsNumber()), Reconsent.REASON, null))
                .collect().asList()
                .chain(done -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                    : reconsents.markRestricted(claimed.stream().map(Overdue::planId).toList(), now)
                        .replaceWithVoid())))
        .call(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
            : trail.appendAll(claimed.stream().map(overdue -> restricted(overdue, now)).toList()))
        .map(List::size);
  }

  private static AuditEvent restricted(Overdue overdue, Instant at) {
    AuditEvent event = new AuditEvent();
    event.occurredAt = at;
    event.actorId = Reconsent.RESTRICTED_BY;
    event.nhsNumber = overdue.nhsNumber();
    event.planId = overdue.planId();
    event.action = "reconsent.restrict";
    event.outcome = AuditOutcome.SUCCESS;
    event.httpStatus = 200;
    event.reason = Reconsent.REASON;
    return event;
  }
}
