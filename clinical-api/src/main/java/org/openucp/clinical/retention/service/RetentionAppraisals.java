package org.openucp.clinical.retention.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.RetentionAppraisal.Decision;
import org.openucp.clinical.retention.repository.PlanRetentionRepository;
import org.openucp.clinical.retention.repository.RecordRetentionRepository;
import org.openucp.clinical.retention.repository.RecordRetentionRepository.ClosedComplaint;
import org.openucp.clinical.retention.repository.RecordRetentionRepository.Incident;
import org.openucp.clinical.retention.repository.RetentionAppraisalRepository;
import org.openucp.clinical.retention.service.RetentionSchedule.Retention;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * The appraisal list. A scheduled job puts each record whose minimum retention period has ended on it: plans, closed
 * complaints and breach-register incidents (once: safe with several replicas, which take turns under an advisory
 * lock, and a unique index allows one undecided appraisal per record); information governance then decides: destroy,
 * keep with a reason until a review date (when the record is listed again), or preserve permanently. Nothing is
 * destroyed here: see {@link Destructions}.
 */
@ApplicationScoped
public class RetentionAppraisals {

  private static final Logger LOG = Logger.getLogger(RetentionAppraisals.class);

  private final PlanRetentionRepository repository;
  private final RecordRetentionRepository records;
  private final RetentionAppraisalRepository appraisals;
  private final PlanRetentions retentions;
  private final RetentionSchedule schedule;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public RetentionAppraisals(PlanRetentionRepository repository, RecordRetentionRepository records,
      RetentionAppraisalRepository appraisals, PlanRetentions retentions, RetentionSchedule schedule,
      AccessGuard access, AuditContext audit, Clock clock) {
    this.repository = repository;
    this.records = records;
    this.appraisals = appraisals;
    this.retentions = retentions;
    this.schedule = schedule;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @Scheduled(identity = "retention-appraisals", every = "${clinical.retention.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return listDue().invoke(listed -> {
      if (listed > 0) {
        LOG.infof("%d records listed for retention appraisal", listed);
      }
    }).replaceWithVoid();
  }

  /**
   * One run: lists every plan, closed complaint and incident whose minimum retention has ended and that is not listed
   * yet; emits how many it listed.
   */
  public Uni<Integer> listDue() {
    LocalDate today = LocalDate.now(clock);
    Instant now = clock.instant();
    LocalDate lastSeenBy = today.minus(schedule.shortestPlanRetention());
    // A few days' margin: the exact end (29 February, months of different lengths) is worked out for each record.
    Instant closedBefore = schedule.complaintsClosedBy(today).plusDays(3).atStartOfDay(RetentionSchedule.ENGLAND)
        .toInstant();
    Instant happenedBefore = schedule.incidentsBy(today).plusDays(3).atStartOfDay(RetentionSchedule.ENGLAND)
        .toInstant();
    return repository.database().withTransaction(connection -> repository.takeTurn(connection).chain(turn -> {
      if (!turn) {
        return Uni.createFrom().item(0);
      }
      List<RetentionAppraisal> due = new ArrayList<>();
      return repository.candidates(connection, retentions.operator(), retentions.deathStarts(), lastSeenBy, today)
          .invoke(plans -> {
            for (PlanRetentionFacts facts : plans) {
              Retention retention = retentions.retentionOf(facts);
              if (retention.endedBy(today)) {
                due.add(listing(facts.planId(), facts.nhsNumber(), retention, facts.keptUntil(), now));
              }
            }
          })
          .chain(() -> records.closedComplaints(connection, closedBefore, today)).invoke(complaints -> {
            for (ClosedComplaint complaint : complaints) {
              Retention retention = schedule.forComplaint(complaint.closedAt());
              if (retention.endedBy(today)) {
                due.add(listing(complaint.id(), complaint.nhsNumber(), retention, complaint.keptUntil(), now));
              }
            }
          })
          .chain(() -> records.incidents(connection, happenedBefore, today)).invoke(incidents -> {
            for (Incident incident : incidents) {
              Retention retention = schedule.forIncident(incident.occurredAt(), incident.awareAt(),
                  incident.markedSerious(), incident.notifiable());
              if (retention.endedBy(today)) {
                // An incident may name many patients: the appraisal names none (the breach register lists them).
                due.add(listing(incident.id(), null, retention, incident.keptUntil(), now));
              }
            }
          })
          .chain(() -> Multi.createFrom().iterable(due)
              .onItem().transformToUniAndConcatenate(appraisal -> repository.listOnce(connection, appraisal))
              .filter(Boolean::booleanValue)
              .collect().asList()
              .map(List::size));
    }));
  }

  private static RetentionAppraisal listing(UUID recordId, String nhsNumber, Retention retention,
      LocalDate keptUntil, Instant now) {
    RetentionAppraisal appraisal = new RetentionAppraisal();
    appraisal.id = UUID.randomUUID();
    appraisal.recordClass = retention.recordClass();
    appraisal.recordId = recordId;
    appraisal.nhsNumber = nhsNumber;
    appraisal.retentionTrigger = retention.trigger();
    appraisal.retentionStartedOn = retention.startedOn();
    appraisal.minimumEndsOn = retention.endsOn();
    boolean reviewLater = keptUntil != null && keptUntil.isAfter(retention.endsOn());
    appraisal.dueOn = reviewLater ? keptUntil : retention.endsOn();
    appraisal.basis = retention.basis()
        + (keptUntil == null ? "" : "; an earlier appraisal kept it until " + keptUntil);
    appraisal.listedAt = now;
    return appraisal;
  }

  /** Whether the appraisal is of a plan: the audit trail then names the plan. */
  static boolean ofPlan(RetentionAppraisal appraisal) {
    return appraisal.recordClass == RecordClass.ADULT_PLAN || appraisal.recordClass == RecordClass.CHILD_PLAN;
  }

  /** The retention schedule as configured. */
  public Uni<List<RetentionSchedule.Rule>> schedule() {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).map(staff -> schedule.rules());
  }

  /** The appraisal list: undecided appraisals, or every appraisal when asked. */
  @WithSession
  public Uni<List<RetentionAppraisal>> list(boolean openOnly) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> openOnly ? appraisals.open() : appraisals.all())
        .invoke(found -> audit.revealed(found.stream().map(appraisal -> appraisal.nhsNumber)
            .filter(Objects::nonNull).map(NhsNumber::of).toList()));
  }

  @WithSession
  public Uni<RetentionAppraisal> get(UUID id) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id));
  }

  /**
   * Records the appraisal's decision, which is information governance's approval: DESTROY, KEEP with a reason and a
   * review date to come, or PRESERVE with a reason. A decided appraisal is not decided again; a kept record is listed
   * afresh on its review date.
   */
  @WithTransaction
  public Uni<RetentionAppraisal> decide(UUID id, long expectedRevision, Decision decision, String reason,
      LocalDate reviewOn) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id).map(appraisal -> {
      Versions.check(expectedRevision, appraisal.revision);
      if (!appraisal.isOpen()) {
        throw ProblemException.conflict("appraisal-decided", "Already appraised",
            "This appraisal was decided " + appraisal.decision + " at " + appraisal.decidedAt + " by "
                + appraisal.decidedByName);
      }
      boolean hasReason = reason != null && !reason.isBlank();
      if (decision != Decision.DESTROY && !hasReason) {
        throw RetentionProblems.unprocessable("reason", "give the reason to " + decision.name().toLowerCase()
            + " the record");
      }
      if (decision == Decision.KEEP) {
        if (reviewOn == null) {
          throw RetentionProblems.unprocessable("reviewOn", "a record kept needs the date it is to be appraised again");
        }
        if (!reviewOn.isAfter(LocalDate.now(clock))) {
          throw RetentionProblems.unprocessable("reviewOn", "must be after today");
        }
      } else if (reviewOn != null) {
        throw RetentionProblems.unprocessable("reviewOn", "only a record kept has a review date");
      }
      appraisal.decision = decision;
      appraisal.reason = hasReason ? reason : null;
      appraisal.reviewOn = reviewOn;
      appraisal.decidedAt = clock.instant();
      appraisal.decidedBy = staff.id();
      appraisal.decidedByName = staff.name();
      return appraisal;
    }));
  }

  private Uni<RetentionAppraisal> existing(UUID id) {
    return appraisals.findById(id).map(appraisal -> {
      if (appraisal == null) {
        throw ProblemException.notFound("A retention appraisal with this id");
      }
      if (appraisal.nhsNumber != null) {
        audit.patient(NhsNumber.of(appraisal.nhsNumber));
      }
      if (ofPlan(appraisal)) {
        audit.plan(appraisal.recordId, null);
      }
      return appraisal;
    });
  }
}
