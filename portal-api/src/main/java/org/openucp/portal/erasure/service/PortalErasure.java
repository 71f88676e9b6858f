package org.openucp.portal.erasure.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.openucp.model.identity.NhsNumber;

/**
 * Erases, in one transaction, everything the portal holds for a patient whose consent was withdrawn: drafts (with
 * their outbox rows), proxy invitations and proxies (every proxy's access ends at once), the attempts made on them;
 * submission receipts keep only that they were erased. Erasing twice is harmless.
 */
@ApplicationScoped
public class PortalErasure {

  private static final Logger LOG = Logger.getLogger(PortalErasure.class);

  private final Clock clock;

  public PortalErasure(Clock clock) {
    this.clock = clock;
  }

  /** What the portal erased, and when: counts only. */
  public record Erased(Instant erasedAt, long drafts, long proxies, long proxyAttempts, long submissionReceipts) {

    /** What the patient held before, when another run of the erasure got to some of it first. */
    public Erased includingErasedEarlier(Preview held) {
      return new Erased(erasedAt, Math.max(drafts, held.drafts()), Math.max(proxies, held.proxies()), proxyAttempts,
          Math.max(submissionReceipts, held.submissions()));
    }
  }

  /** What erasing would change for the patient now, without changing it. */
  public record Preview(long drafts, long proxies, long submissions) {
  }

  /**
   * Erases what the patient had up to the withdrawal: a draft started or a proxy invited after it (the patient
   * starting again) is theirs to keep.
   */
  public Uni<Erased> erase(NhsNumber patient, Instant withdrawnAt) {
    Instant now = clock.instant();
    String nhs = patient.value();
    return Panache.withTransaction(() -> Panache.getSession().chain(session ->
        update(session, "DELETE FROM draft WHERE nhs_number = :nhs AND created_at <= :upTo", nhs, withdrawnAt, null)
            .chain(drafts -> update(session, "DELETE FROM proxy_attempt WHERE invitation_id IN (SELECT id FROM "
                + "proxy_invitation WHERE patient_nhs_number = :nhs AND created_at <= :upTo)", nhs, withdrawnAt, null)
            .chain(attempts -> update(session, "DELETE FROM proxy_invitation WHERE patient_nhs_number = :nhs "
                + "AND created_at <= :upTo", nhs, withdrawnAt, null)
            .chain(proxies -> update(session, "UPDATE submission_receipt SET erased_at = :now, "
                + "clinical_submission_id = NULL WHERE nhs_number = :nhs AND submitted_at <= :upTo "
                + "AND erased_at IS NULL", nhs, withdrawnAt, now)
            .map(receipts -> new Erased(now, drafts, proxies, attempts, receipts)))))))
        .invoke(erased -> LOG.infof("Erased the portal's records of a patient after withdrawal: %d drafts, "
            + "%d proxies, %d proxy attempts, %d submission receipts", erased.drafts(), erased.proxies(),
            erased.proxyAttempts(), erased.submissionReceipts()));
  }

  public Uni<Preview> preview(NhsNumber patient) {
    String nhs = patient.value();
    return Panache.withSession(() -> Panache.getSession().chain(session ->
        count(session, "SELECT count(*) FROM draft WHERE nhs_number = :nhs", nhs).chain(drafts ->
            count(session, "SELECT count(*) FROM proxy_invitation WHERE patient_nhs_number = :nhs", nhs)
                .chain(proxies ->
                count(session, "SELECT count(*) FROM submission_receipt WHERE nhs_number = :nhs "
                    + "AND erased_at IS NULL", nhs).map(submissions -> new Preview(drafts, proxies, submissions))))));
  }

  private static Uni<Long> update(Mutiny.Session session, String sql, String nhs, Instant upTo, Instant now) {
    var query = session.createNativeQuery(sql).setParameter("nhs", nhs).setParameter("upTo", upTo);
    if (now != null) {
      query.setParameter("now", now);
    }
    return query.executeUpdate().map(Integer::longValue);
  }

  private static Uni<Long> count(Mutiny.Session session, String sql, String nhs) {
    return session.createNativeQuery(sql, Long.class).setParameter("nhs", nhs).getSingleResult();
  }
}
