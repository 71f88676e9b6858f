package org.openucp.clinical.withdrawal.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.withdrawal.FollowUpTask;
import org.openucp.clinical.withdrawal.WithdrawalNotice;
import org.openucp.clinical.withdrawal.repository.FollowUpTaskRepository;
import org.openucp.clinical.withdrawal.repository.WithdrawalNoticeRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.ProblemException;

/**
 * What a withdrawal leaves behind on purpose: a notice until the portal has erased the patient's records there, and,
 * when the patient withdrew themself, a task for each organisation of their care team to talk it through.
 */
@ApplicationScoped
public class Withdrawals {

  private final WithdrawalNoticeRepository notices;
  private final FollowUpTaskRepository followUps;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public Withdrawals(WithdrawalNoticeRepository notices, FollowUpTaskRepository followUps, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.notices = notices;
    this.followUps = followUps;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records, inside the withdrawal's transaction, that the portal has the patient's records to erase. */
  public Uni<Void> noticeFor(NhsNumber patient, Instant at) {
    WithdrawalNotice notice = new WithdrawalNotice();
    notice.id = UUID.randomUUID();
    notice.nhsNumber = patient.value();
    notice.withdrawnAt = at;
    return notices.persist(notice).replaceWithVoid();
  }

  /** Asks each organisation to contact the patient, inside the withdrawal's transaction. */
  public Uni<Void> followUp(NhsNumber patient, Collection<String> organisations, String reason, Instant at) {
    if (organisations.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return followUps.persist(organisations.stream().distinct().map(organisation -> {
      FollowUpTask task = new FollowUpTask();
      task.id = UUID.randomUUID();
      task.organisation = organisation;
      task.nhsNumber = patient.value();
      task.reason = reason;
      task.createdAt = at;
      return task;
    }));
  }

  /** The oldest notices the portal has not acknowledged yet: NHS numbers and times only. */
  @WithSession
  public Uni<Slice<WithdrawalNotice>> pending(int limit) {
    return notices.oldestPending(limit).invoke(found -> audit.revealed(found.items().stream()
        .map(notice -> NhsNumber.of(notice.nhsNumber)).distinct().toList()));
  }

  /** The portal has erased the patient's records: the notice is no longer pending. Acknowledging twice is harmless. */
  @WithTransaction
  public Uni<Void> acknowledge(UUID id) {
    return notices.findById(id).chain(notice -> {
      if (notice == null || notice.acknowledgedAt != null) {
        return Uni.createFrom().voidItem();
      }
      audit.patient(NhsNumber.of(notice.nhsNumber));
      notice.acknowledgedAt = clock.instant();
      return notices.persist(notice).replaceWithVoid();
    });
  }

  /** Whether the patient's consent was withdrawn at or after the given time (read in the caller's session). */
  public Uni<Boolean> withdrawnSince(NhsNumber patient, Instant since) {
    return notices.withdrawnSince(patient.value(), since);
  }

  /** An organisation's open follow-up tasks, for its own staff who work on plans. */
  @WithSession
  public Uni<List<FollowUpTask>> openFor(OdsCode organisation) {
    return access.require(Permission.VIEW_DRAFT).chain(staff -> {
      requireOwn(staff.organisation(), organisation);
      return followUps.openFor(organisation.value());
    }).invoke(found -> audit.revealed(found.stream().map(task -> NhsNumber.of(task.nhsNumber)).toList()));
  }

  @WithTransaction
  public Uni<FollowUpTask> complete(OdsCode organisation, UUID id) {
    return access.require(Permission.EDIT).chain(staff -> {
      requireOwn(staff.organisation(), organisation);
      return followUps.findById(id).chain(task -> {
        if (task == null || !task.organisation.equals(organisation.value())) {
          throw ProblemException.notFound("Follow-up task " + id);
        }
        audit.patient(NhsNumber.of(task.nhsNumber));
        if (task.completedAt == null) {
          task.completedAt = clock.instant();
          task.completedBy = staff.id();
        }
        return followUps.persistAndFlush(task);
      });
    });
  }

  private static void requireOwn(OdsCode own, OdsCode organisation) {
    if (!own.equals(organisation)) {
      throw ProblemException.forbidden("other-organisation",
          "You can see the follow-up tasks of your own organisation, " + own + ", only");
    }
  }
}
