package org.openucp.clinical.notice.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.database.CountedPages;
import org.openucp.clinical.notice.ReconsentNotification;
import org.openucp.clinical.withdrawal.FollowUpTask;
import org.openucp.web.paging.Slice;

/** Consents waiting to be given again, and the notifications that ask patients for them. */
@ApplicationScoped
public class ReconsentRepository implements PanacheRepositoryBase<ReconsentNotification, UUID> {

  /** A plan whose re-consent is overdue, claimed by this transaction. */
  public record Overdue(UUID planId, String nhsNumber) {
  }

  /** Consents still to be given again under a notice by one date, and how many. */
  public record Due(UUID noticeId, Instant dueAt, long count) {
  }

  /**
   * Plans whose re-consent is overdue and not yet restricted for it, oldest due first, locked for this transaction;
   * rows another replica (or a clinician recording consent) holds are skipped, not waited for.
   */
  public Uni<List<Overdue>> claimOverdue(Instant now, int limit) {
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT CAST(c.plan_id AS text), p.nhs_number FROM consent c JOIN care_plan p ON p.id = c.plan_id
            WHERE c.reconsent_notice_id IS NOT NULL AND c.reconsent_restricted_at IS NULL
              AND c.reconsent_due_at <= CAST(:now AS timestamptz)
            ORDER BY c.reconsent_due_at
            LIMIT :limit
            FOR UPDATE OF c SKIP LOCKED""", Object[].class)
        .setParameter("now", now)
        .setParameter("limit", limit)
        .getResultList())
        .map(rows -> rows.stream()
            .map(row -> new Overdue(UUID.fromString((String) row[0]), String.valueOf(row[1]).strip())).toList());
  }

  /** Notes that these plans were restricted for want of re-consent: the job restricts each only once. */
  public Uni<Integer> markRestricted(List<UUID> plans, Instant at) {
    return getSession().chain(session -> session.createNativeQuery("""
            UPDATE consent SET reconsent_restricted_at = CAST(:at AS timestamptz) WHERE plan_id IN (:plans)""")
        .setParameter("at", at)
        .setParameter("plans", plans)
        .executeUpdate());
  }

  /** Re-consents due before then and not yet restricted for, by notice and due date. */
  public Uni<List<Due>> dueBefore(Instant until) {
    return getSession().chain(session -> session.createSelectionQuery("""
            select c.reconsentNoticeId, c.reconsentDueAt, count(c) from Consent c
            where c.reconsentNoticeId is not null and c.reconsentRestrictedAt is null and c.reconsentDueAt < :until
            group by c.reconsentNoticeId, c.reconsentDueAt""", Object[].class)
        .setParameter("until", until)
        .getResultList())
        .map(rows -> rows.stream()
            .map(row -> new Due((UUID) row[0], (Instant) row[1], ((Number) row[2]).longValue())).toList());
  }

  /** The oldest notifications the portal has not dealt with and that consent given again has not overtaken. */
  public Uni<Slice<ReconsentNotification>> oldestPending(int limit) {
    var pending = find("outcome is null and supersededAt is null", Sort.by("createdAt").and("id"));
    return CountedPages.read(pending, 0, limit);
  }

  /** The newest notification for the patient, to show their care team whether they were reached. */
  public Uni<ReconsentNotification> newestFor(String nhsNumber) {
    return find("nhsNumber", Sort.by("createdAt").descending().and("id"), nhsNumber).firstResult();
  }

  /**
   * Consent was given again: pending notifications are no longer needed, and the care team's open re-consent tasks
   * are done (by whoever recorded it).
   */
  public Uni<Void> obtained(String nhsNumber, String by, Instant at) {
    return update("supersededAt = ?1 where nhsNumber = ?2 and outcome is null and supersededAt is null", at,
        nhsNumber).chain(() -> completeTasks(nhsNumber, by, at));
  }

  /**
   * Consent was withdrawn and the plan erased (its notifications went with it): nobody need ask for it again.
   */
  public Uni<Void> erased(String nhsNumber, String by, Instant at) {
    return completeTasks(nhsNumber, by, at);
  }

  private Uni<Void> completeTasks(String nhsNumber, String by, Instant at) {
    return getSession().chain(session -> session.createNativeQuery("""
            UPDATE follow_up_task SET completed_at = CAST(:at AS timestamptz), completed_by = CAST(:by AS varchar)
            WHERE nhs_number = CAST(:nhs AS bpchar) AND reason = CAST(:reason AS varchar) AND completed_at IS NULL""")
        .setParameter("at", at)
        .setParameter("by", by)
        .setParameter("nhs", nhsNumber)
        .setParameter("reason", FollowUpTask.RECONSENT_REQUIRED)
        .executeUpdate()).replaceWithVoid();
  }
}
