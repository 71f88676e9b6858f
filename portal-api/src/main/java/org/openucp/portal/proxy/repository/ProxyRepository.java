package org.openucp.portal.proxy.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.portal.proxy.ProxyInvitation;
import org.openucp.portal.proxy.ProxyStatus;

@ApplicationScoped
public class ProxyRepository implements PanacheRepositoryBase<ProxyInvitation, UUID> {

  /** The invitation for a link, locked for this transaction so that concurrent attempts are counted one by one. */
  public Uni<ProxyInvitation> lockByTokenHash(String tokenHash) {
    return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
  }

  public Uni<List<ProxyInvitation>> ofPatient(String nhsNumber) {
    return list("patientNhsNumber", Sort.by("createdAt"), nhsNumber);
  }

  public Uni<List<ProxyInvitation>> activeFor(String proxySubject) {
    return list("proxySubject = ?1 and status = ?2", proxySubject, ProxyStatus.ACTIVE);
  }

  /** When each invitation the patient sent since then was created, oldest first. */
  public Uni<List<Instant>> invitedSince(String nhsNumber, Instant since) {
    return list("patientNhsNumber = ?1 and createdAt > ?2", Sort.by("createdAt"), nhsNumber, since)
        .map(invitations -> invitations.stream().map(invitation -> invitation.createdAt).toList());
  }

  /** Notes that the proxy has just seen the plan. */
  public Uni<Integer> noteViewed(UUID invitationId, Instant at) {
    return update("lastViewedAt = ?1 where id = ?2 and status = ?3", at, invitationId, ProxyStatus.ACTIVE);
  }

  /** Attempts the person made since then that were judged, on any invitation (refusals for too many are not). */
  public Uni<Long> attemptsSince(String proxySubject, Instant since) {
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT count(*) FROM proxy_attempt
            WHERE proxy_subject = :subject AND attempted_at > :since AND outcome <> 'TOO_MANY_ATTEMPTS'""", Long.class)
        .setParameter("subject", proxySubject)
        .setParameter("since", since)
        .getSingleResult());
  }

  /**
   * Holds, until this transaction ends, a lock on the given key (e.g. one person's attempts), so that a count taken
   * next and the row written after it cannot interleave with a concurrent request's.
   */
  public Uni<Void> serialise(String key) {
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked""", Long.class)
        .setParameter("key", key)
        .getSingleResult()).replaceWithVoid();
  }

  public Uni<Void> recordAttempt(UUID invitationId, String proxySubject, String outcome, Instant at) {
    return getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO proxy_attempt (invitation_id, proxy_subject, outcome, attempted_at)
            VALUES (:invitation, :subject, :outcome, :at)""")
        .setParameter("invitation", invitationId)
        .setParameter("subject", proxySubject)
        .setParameter("outcome", outcome)
        .setParameter("at", at)
        .executeUpdate()).replaceWithVoid();
  }
}
