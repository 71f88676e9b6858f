package org.openucp.clinical.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.clinical.breach.AffectedPatient;

/** The patients and records a breach affected, and the searches of the audit trail that found them. */
@ApplicationScoped
public class AffectedPatientRepository implements PanacheRepositoryBase<AffectedPatient, AffectedPatient.Key> {

  /** Which audit events a search looks at: every criterion but the time range is optional. */
  public record AuditCriteria(String userId, String organisation, Instant from, Instant to, String action) {
  }

  /** What a search of the audit trail found, and how much of it was not attached already. */
  public record Attached(int recordsFound, int patientsFound, int recordsAdded, int patientsAdded) {
  }

  public Uni<List<AffectedPatient>> of(UUID breachId) {
    return list("breachId", Sort.by("nhsNumber"), breachId);
  }

  /** The breaches that list the patient as affected: one entry for each. */
  public Uni<List<AffectedPatient>> listing(String nhsNumber) {
    return list("nhsNumber", Sort.by("addedAt"), nhsNumber);
  }

  /** How many of the patient's records (accesses to their data) each of the breaches affected. */
  public Uni<Map<UUID, Long>> recordsOfPatient(List<UUID> breachIds, String nhsNumber) {
    return getSession().chain(session -> session.createSelectionQuery("select r.breachId, count(r) from"
            + " AffectedRecord r where r.breachId in :ids and r.nhsNumber = :nhs group by r.breachId", Object[].class)
        .setParameter("ids", breachIds)
        .setParameter("nhs", nhsNumber)
        .getResultList())
        .map(rows -> {
          Map<UUID, Long> counts = new HashMap<>();
          rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
          return counts;
        });
  }

  /** How many patients each breach affected (breaches without any are left out). */
  public Uni<Map<UUID, Long>> countsOf(List<UUID> breachIds) {
    if (breachIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return getSession().chain(session -> session.createSelectionQuery("select p.breachId, count(p) from"
            + " AffectedPatient p where p.breachId in :ids group by p.breachId", Object[].class)
        .setParameter("ids", breachIds)
        .getResultList())
        .map(rows -> {
          Map<UUID, Long> counts = new HashMap<>();
          rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
          return counts;
        });
  }

  /** How many records (audit events) of each patient the breach affected. */
  public Uni<Map<String, Long>> recordsByPatient(UUID breachId) {
    return getSession().chain(session -> session.createSelectionQuery("select r.nhsNumber, count(r) from"
            + " AffectedRecord r where r.breachId = :breach group by r.nhsNumber", Object[].class)
        .setParameter("breach", breachId)
        .getResultList())
        .map(rows -> {
          Map<String, Long> counts = new HashMap<>();
          rows.forEach(row -> counts.put(((String) row[0]).strip(), ((Number) row[1]).longValue()));
          return counts;
        });
  }

  /**
   * Attaches to the breach, in one statement, every successful access to a patient's data that the audit trail
   * holds within the criteria: each event as an affected record, each patient once. The register's own reads
   * ({@code breach.*}) are left out: looking at a breach is not part of it. Denied and failed attempts showed no
   * data and are left out too.
   */
  public Uni<Attached> attachFromAudit(UUID breachId, AuditCriteria criteria, Instant at, String by) {
    StringBuilder found = new StringBuilder("""
        SELECT e.seq, e.nhs_number FROM audit_event e
        WHERE e.outcome = 'SUCCESS' AND e.nhs_number IS NOT NULL AND e.action NOT LIKE 'breach.%'
          AND e.occurred_at >= :from AND e.occurred_at < :to""");
    if (criteria.userId() != null) {
      found.append(" AND e.actor_id = :userId");
    }
    if (criteria.organisation() != null) {
      found.append(" AND e.organisation = :organisation");
    }
    if (criteria.action() != null) {
      found.append(" AND e.action = :action");
    }
    String sql = "WITH found AS (" + found + """
        ),
        added_records AS (
            INSERT INTO breach_affected_record (breach_id, audit_seq, nhs_number)
            SELECT CAST(:breach AS uuid), f.seq, f.nhs_number FROM found f
            ON CONFLICT DO NOTHING RETURNING 1),
        added_patients AS (
            INSERT INTO breach_affected_patient (breach_id, nhs_number, source, added_at, added_by)
            SELECT CAST(:breach AS uuid), p.nhs_number, 'AUDIT', CAST(:at AS timestamptz), CAST(:by AS varchar)
            FROM (SELECT DISTINCT nhs_number FROM found) p
            ON CONFLICT DO NOTHING RETURNING 1)
        SELECT (SELECT count(*) FROM found), (SELECT count(DISTINCT nhs_number) FROM found),
               (SELECT count(*) FROM added_records), (SELECT count(*) FROM added_patients)""";
    return getSession().chain(session -> {
      var query = session.<Object[]>createNativeQuery(sql)
          .setParameter("breach", breachId)
          .setParameter("from", criteria.from())
          .setParameter("to", criteria.to())
          .setParameter("at", at)
          .setParameter("by", by);
      if (criteria.userId() != null) {
        query.setParameter("userId", criteria.userId());
      }
      if (criteria.organisation() != null) {
        query.setParameter("organisation", criteria.organisation());
      }
      if (criteria.action() != null) {
        query.setParameter("action", criteria.action());
      }
      return query.getSingleResult();
    }).map(row -> new Attached(count(row[0]), count(row[1]), count(row[2]), count(row[3])));
  }

  /** Removes the patient and the records of theirs from the breach; emits whether they were listed. */
  public Uni<Boolean> remove(UUID breachId, String nhsNumber) {
    return getSession().chain(session -> session.createMutationQuery(
            "delete from AffectedRecord r where r.breachId = :breach and r.nhsNumber = :nhs")
        .setParameter("breach", breachId)
        .setParameter("nhs", nhsNumber)
        .executeUpdate())
        .chain(() -> delete("breachId = ?1 and nhsNumber = ?2", breachId, nhsNumber))
        .map(deleted -> deleted > 0);
  }

  private static int count(Object value) {
    return ((Number) value).intValue();
  }
}
