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

  public Uni<Integer> revokeAll(String nhsNumber, Instant at) {
    return update("status = ?1, revokedAt = ?2 where patientNhsNumber = ?3 and status <> ?1", ProxyStatus.REVOKED, at,
        nhsNumber);
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
