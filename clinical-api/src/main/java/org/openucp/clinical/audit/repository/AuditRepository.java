package org.openucp.clinical.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.service.AuditQuery;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, Long> {

  /** Locks the head of the chain for this transaction and emits the hash the next event links to. */
  public Uni<String> lockHead() {
    return getSession().chain(session -> session
        .createNativeQuery("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", String.class)
        .getSingleResult());
  }

  /** Appends an unsealed event in one statement; the database numbers it. */
  public Uni<Integer> insert(AuditEvent event) {
    return getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO audit_event (occurred_at, actor_id, actor_name, role_code, organisation, nhs_number, plan_id,
                plan_version, action, outcome, http_status, reason)
            VALUES (:occurredAt, :actorId, :actorName, :roleCode, :organisation, :nhsNumber, :planId, :planVersion,
                :action, :outcome, :httpStatus, :reason)
            """)
        .setParameter("occurredAt", event.occurredAt)
        .setParameter("actorId", event.actorId)
        .setParameter("actorName", event.actorName)
        .setParameter("roleCode", event.roleCode)
        .setParameter("organisation", event.organisation)
        .setParameter("nhsNumber", event.nhsNumber)
        .setParameter("planId", event.planId)
        .setParameter("planVersion", event.planVersion)
        .setParameter("action", event.action)
        .setParameter("outcome", event.outcome.name())
        .setParameter("httpStatus", event.httpStatus)
        .setParameter("reason", event.reason)
        .executeUpdate());
  }

  /** Unsealed events old enough that no event with a lower number can still be on its way, in order. */
  public Uni<List<AuditEvent>> settledUnsealed(Instant before, int limit) {
    return find("hash is null and occurredAt < ?1", Sort.by("seq"), before).page(Page.ofSize(limit)).list();
  }

  public Uni<Long> countUnsealed() {
    return count("hash is null");
  }

  public Uni<Integer> moveHead(long seq, String hash) {
    return getSession().chain(session -> session
        .createNativeQuery("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .setParameter("seq", seq)
        .setParameter("hash", hash)
        .executeUpdate());
  }

  public Uni<List<AuditEvent>> after(long seq, int limit) {
    return find("seq > ?1", Sort.by("seq"), seq).page(Page.ofSize(limit)).list();
  }

  public Uni<List<AuditEvent>> search(AuditQuery query, int pageIndex, int pageSize) {
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (query.nhsNumber() != null) {
      conditions.add("nhsNumber = :nhsNumber");
      parameters.and("nhsNumber", query.nhsNumber().value());
    }
    if (query.actorId() != null) {
      conditions.add("actorId = :actorId");
      parameters.and("actorId", query.actorId());
    }
    if (query.organisation() != null) {
      conditions.add("organisation = :organisation");
      parameters.and("organisation", query.organisation().value());
    }
    if (query.from() != null) {
      conditions.add("occurredAt >= :from");
      parameters.and("from", query.from());
    }
    if (query.to() != null) {
      conditions.add("occurredAt < :to");
      parameters.and("to", query.to());
    }
    String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    return find(where, Sort.by("seq").descending(), parameters).page(Page.of(pageIndex, pageSize)).list();
  }
}
