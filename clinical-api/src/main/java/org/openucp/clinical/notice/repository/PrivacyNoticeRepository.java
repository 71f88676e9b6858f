package org.openucp.clinical.notice.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.PrivacyNotice.Purpose;
import org.openucp.clinical.withdrawal.FollowUpTask;

@ApplicationScoped
public class PrivacyNoticeRepository implements PanacheRepositoryBase<PrivacyNotice, UUID> {

  /** The key of the lock that orders publications against consents being written (see migration V17). */
  private static final String LOCK_KEY = "hashtext('openucp.privacy-notice')";

  /**
   * Flags, in one statement, every consent given under an earlier notice: consent is needed again under this one, by
   * the date already set if an earlier notice asked first (a new notice never postpones a restriction). For each
   * patient flagged it supersedes an earlier pending notification, leaves one for the portal to email them, and gives
   * the plan's owning organisation a follow-up task unless one is open. Emits how many consents it flagged.
   */
  private static final String FLAG = """
      WITH flagged AS (
        UPDATE consent c SET reconsent_notice_id = CAST(:notice AS uuid),
               reconsent_due_at = COALESCE(c.reconsent_due_at, CAST(:due AS timestamptz))
        FROM privacy_notice n
        WHERE n.id = c.privacy_notice_id AND n.seq < CAST(:seq AS integer)
        RETURNING c.plan_id, c.reconsent_due_at
      ), affected AS (
        SELECT f.plan_id, p.nhs_number, p.owning_organisation, f.reconsent_due_at
        FROM flagged f JOIN care_plan p ON p.id = f.plan_id
      ), superseded AS (
        UPDATE reconsent_notification r SET superseded_at = CAST(:now AS timestamptz)
        WHERE r.outcome IS NULL AND r.superseded_at IS NULL AND r.nhs_number IN (SELECT nhs_number FROM affected)
      ), notified AS (
        INSERT INTO reconsent_notification (id, plan_id, nhs_number, notice_id, due_at, created_at)
        SELECT gen_random_uuid(), a.plan_id, a.nhs_number, CAST(:notice AS uuid), a.reconsent_due_at,
               CAST(:now AS timestamptz)
        FROM affected a
      ), tasks AS (
        INSERT INTO follow_up_task (id, organisation, nhs_number, reason, created_at)
        SELECT gen_random_uuid(), a.owning_organisation, a.nhs_number, CAST(:reason AS varchar),
               CAST(:now AS timestamptz)
        FROM affected a
        WHERE NOT EXISTS (SELECT 1 FROM follow_up_task t WHERE t.nhs_number = a.nhs_number
                            AND t.organisation = a.owning_organisation AND t.reason = CAST(:reason AS varchar)
                            AND t.completed_at IS NULL)
      )
      SELECT count(*) FROM affected""";

  /** The notice consent is given under now: the newest published. */
  public Uni<PrivacyNotice> newest() {
    return find("order by seq desc").firstResult();
  }

  public Uni<List<PrivacyNotice>> inPublicationOrder() {
    return listAll(Sort.by("seq"));
  }

  public Uni<Boolean> versionExists(String version) {
    return count("version", version).map(found -> found > 0);
  }

  /** Fills in each notice's purposes, in the order it lists them; one query. */
  public Uni<List<PrivacyNotice>> withPurposes(List<PrivacyNotice> notices) {
    if (notices.isEmpty()) {
      return Uni.createFrom().item(notices);
    }
    Map<UUID, PrivacyNotice> byId = new HashMap<>();
    notices.forEach(notice -> byId.put(notice.id, notice));
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT CAST(notice_id AS text), code, description FROM privacy_notice_purpose
            WHERE notice_id IN (:ids) ORDER BY notice_id, position""", Object[].class)
        .setParameter("ids", List.copyOf(byId.keySet()))
        .getResultList())
        .map(rows -> {
          Map<UUID, List<Purpose>> purposes = new HashMap<>();
          for (Object[] row : rows) {
            purposes.computeIfAbsent(UUID.fromString((String) row[0]), id -> new ArrayList<>())
                .add(new Purpose((String) row[1], (String) row[2]));
          }
          notices.forEach(notice -> notice.purposes = List.copyOf(purposes.getOrDefault(notice.id, List.of())));
          return notices;
        });
  }

  public Uni<PrivacyNotice> withPurposes(PrivacyNotice notice) {
    return notice == null ? Uni.createFrom().nullItem() : withPurposes(List.of(notice)).map(found -> notice);
  }

  /** Stores a new notice's purposes, in its transaction. */
  public Uni<Void> insertPurposes(PrivacyNotice notice) {
    List<Purpose> purposes = notice.purposes;
    return Multi.createFrom().range(0, purposes.size())
        .onItem().transformToUniAndConcatenate(index -> getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO privacy_notice_purpose (notice_id, position, code, description)
                VALUES (:notice, :position, :code, :description)""")
            .setParameter("notice", notice.id)
            .setParameter("position", index + 1)
            .setParameter("code", purposes.get(index).code())
            .setParameter("description", purposes.get(index).description())
            .executeUpdate()))
        .collect().last().replaceWithVoid();
  }

  /** Holds, until the transaction ends, the lock that publishing a notice takes: no consent is written meanwhile. */
  public Uni<Void> lockForPublication() {
    return lock("pg_advisory_xact_lock");
  }

  /** Holds, until the transaction ends, the lock that writing a consent takes: no notice is published meanwhile. */
  public Uni<Void> lockForConsent() {
    return lock("pg_advisory_xact_lock_shared");
  }

  private Uni<Void> lock(String function) {
    return getSession().chain(session -> session.createNativeQuery(
            "SELECT count(*) FROM (SELECT " + function + "(" + LOCK_KEY + ")) AS locked", Long.class)
        .getSingleResult()).replaceWithVoid();
  }

  /** See {@link #FLAG}: inside the publishing transaction, after {@link #lockForPublication}. */
  public Uni<Long> flagEarlierConsents(PrivacyNotice notice, Instant now) {
    return getSession().chain(session -> session.createNativeQuery(FLAG, Long.class)
        .setParameter("notice", notice.id)
        .setParameter("seq", notice.seq)
        .setParameter("due", notice.reconsentDueAt)
        .setParameter("now", now)
        .setParameter("reason", FollowUpTask.RECONSENT_REQUIRED)
        .getSingleResult());
  }
}
