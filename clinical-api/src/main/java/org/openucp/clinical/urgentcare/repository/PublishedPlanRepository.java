package org.openucp.clinical.urgentcare.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.model.identity.NhsNumber;

@ApplicationScoped
public class PublishedPlanRepository implements PanacheRepositoryBase<PublishedPlan, UUID> {

  /** At most this many people are offered to choose from; more means the search needs narrowing. */
  public static final int MAX_CANDIDATES = 10;

  /**
   * The published version for an NHS number, and the audit event of reading it, in one statement: the read and its
   * record commit together, in one round trip. The event is the append of {@code AuditRepository.insert}; it is
   * only written when there is a plan to read (other outcomes are audited by the filter).
   */
  private static final String READ_AND_RECORD = """
      WITH found AS (
          SELECT p.nhs_number, p.plan_id, p.version, v.content, v.published_at, v.published_by, v.published_by_name,
                 v.role_code, v.role_name, v.organisation
          FROM published_plan p JOIN plan_version v ON v.plan_id = p.plan_id AND v.version = p.version
          WHERE p.nhs_number = $1),
      recorded AS (
          INSERT INTO audit_event (occurred_at, actor_id, actor_name, role_code, organisation, nhs_number, plan_id,
              plan_version, action, outcome, http_status, reason)
          SELECT $2::timestamptz, $3::varchar, $4::varchar, $5::varchar, $6::varchar, nhs_number, plan_id, version,
              $7::varchar, $8::varchar, $9::integer, $10::varchar
          FROM found)
      SELECT * FROM found""";

  private final Pool database;

  public PublishedPlanRepository(Pool database) {
    this.database = database;
  }

  public Uni<PublishedPlan> findByPatient(NhsNumber patient) {
    return find("nhsNumber", patient.value()).firstResult();
  }

  /** A patient's entry and the published version it points at. */
  public record EntryAndVersion(PublishedPlan entry, PlanVersion version) {
  }

  /** The patient's entry and its published version in one round trip: the crisis lookup's hot path. */
  public Uni<EntryAndVersion> findWithVersion(NhsNumber patient) {
    return getSession().chain(session -> session.createSelectionQuery("""
            select p, v from PublishedPlan p, PlanVersion v
            where p.nhsNumber = :nhsNumber and v.planId = p.planId and v.version = p.version""", Object[].class)
        .setParameter("nhsNumber", patient.value())
        .getSingleResultOrNull())
        .map(row -> row == null ? null : new EntryAndVersion((PublishedPlan) row[0], (PlanVersion) row[1]));
  }

  /**
   * The patient's entry and its published version, recording {@code event} (for the plan found) in the same
   * statement: the crisis lookup's hot path, without an ORM session.
   */
  public Uni<EntryAndVersion> findWithVersionRecording(NhsNumber patient, AuditEvent event) {
    return database.preparedQuery(READ_AND_RECORD)
        .execute(Tuple.from(new Object[] {patient.value(), event.occurredAt.atOffset(ZoneOffset.UTC), event.actorId,
            event.actorName, event.roleCode, event.organisation, event.action, event.outcome.name(), event.httpStatus,
            event.reason}))
        .map(rows -> rows.size() == 0 ? null : entryAndVersion(rows.iterator().next()));
  }

  private static EntryAndVersion entryAndVersion(Row row) {
    PublishedPlan entry = new PublishedPlan();
    entry.nhsNumber = row.getString("nhs_number");
    entry.planId = row.getUUID("plan_id");
    entry.version = row.getInteger("version");
    PlanVersion version = new PlanVersion();
    version.planId = entry.planId;
    version.version = entry.version;
    version.content = row.getString("content");
    version.publishedAt = row.getOffsetDateTime("published_at").toInstant();
    version.publishedBy = row.getString("published_by");
    version.publishedByName = row.getString("published_by_name");
    version.roleCode = row.getString("role_code");
    version.roleName = row.getString("role_name");
    version.organisation = row.getString("organisation");
    return new EntryAndVersion(entry, version);
  }

  /** People with a published plan matching the family name and date of birth, and the postcode when given. */
  public Uni<List<PublishedPlan>> findByDemographics(String familyNameKey, LocalDate dateOfBirth,
      String postcodeKey) {
    Sort order = Sort.by("familyName").and("givenName").and("nhsNumber");
    return (postcodeKey == null
        ? find("familyNameKey = ?1 and dateOfBirth = ?2", order, familyNameKey, dateOfBirth)
        : find("familyNameKey = ?1 and dateOfBirth = ?2 and postcodeKey = ?3", order, familyNameKey, dateOfBirth,
            postcodeKey))
        .range(0, MAX_CANDIDATES).list();
  }

  /** Published plans whose review date is on or before the given day. */
  public Uni<List<PublishedPlan>> reviewDueBy(LocalDate day) {
    return list("plannedReviewDate <= ?1", Sort.by("plannedReviewDate"), day);
  }
}
