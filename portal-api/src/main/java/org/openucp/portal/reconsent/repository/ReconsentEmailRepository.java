package org.openucp.portal.reconsent.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the portal did about each notification (its id, when a replica took it, the outcome: no NHS number, no
 * address), and where it can reach a patient: the email NHS login gave for them when they invited a proxy, else the
 * address they gave with a draft.
 */
@ApplicationScoped
public class ReconsentEmailRepository {

  /** How a notification stands here: whether its claim is older than the lease, and its outcome if recorded. */
  public record Handling(boolean stale, String outcome) {
  }

  /** Takes the notification for this replica; emits false when one took it before (this one or another). */
  public Uni<Boolean> claim(UUID notification, Instant at) {
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO reconsent_email (notification_id, claimed_at) VALUES (:id, :at)
            ON CONFLICT (notification_id) DO NOTHING""")
        .setParameter("id", notification)
        .setParameter("at", at)
        .executeUpdate()))
        .map(inserted -> inserted == 1);
  }

  public Uni<Handling> handling(UUID notification, Instant staleBefore) {
    return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
            SELECT CAST(claimed_at < CAST(:stale AS timestamptz) AS text), outcome FROM reconsent_email
            WHERE notification_id = :id""", Object[].class)
        .setParameter("stale", staleBefore)
        .setParameter("id", notification)
        .getResultList()))
        .map(rows -> rows.isEmpty() ? null
            : new Handling("true".equals(rows.get(0)[0]), (String) rows.get(0)[1]));
  }

  /** Records the outcome, unless one is recorded already (the first stands). */
  public Uni<Void> handled(UUID notification, String outcome, Instant at) {
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
            UPDATE reconsent_email SET outcome = :outcome, handled_at = :at
            WHERE notification_id = :id AND outcome IS NULL""")
        .setParameter("outcome", outcome)
        .setParameter("at", at)
        .setParameter("id", notification)
        .executeUpdate())).replaceWithVoid();
  }

  /** Forgets notifications dealt with before then: the clinical API never lists one again once it has its outcome. */
  public Uni<Integer> forgetHandledBefore(Instant before) {
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
            DELETE FROM reconsent_email WHERE handled_at < CAST(:before AS timestamptz)""")
        .setParameter("before", before)
        .executeUpdate()));
  }

  /**
   * Where the portal can email the patient: the NHS login email it was given when they last invited a proxy, else
   * the address they gave with their draft. Null when it knows none.
   */
  public Uni<String> emailOf(String nhsNumber) {
    return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
            SELECT email FROM (
              SELECT patient_email AS email, 1 AS preference, created_at AS at FROM proxy_invitation
              WHERE patient_nhs_number = :nhs AND patient_email IS NOT NULL AND patient_email <> ''
              UNION ALL
              SELECT email, 2, updated_at FROM draft
              WHERE nhs_number = :nhs AND email IS NOT NULL AND email <> ''
            ) known ORDER BY preference, at DESC LIMIT 1""", String.class)
        .setParameter("nhs", nhsNumber)
        .getResultList()))
        .map(found -> found.isEmpty() ? null : found.get(0));
  }
}
