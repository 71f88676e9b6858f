package org.openucp.clinical.retention.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.service.PlanRetentionFacts;

/** The set-based reads and writes of retention: what plans' retention depends on, and listing them for appraisal. */
@ApplicationScoped
public class PlanRetentionRepository {

  /**
   * A plan's dates (see {@link PlanRetentionFacts} for what counts as last seen). $1 the operator's organisation,
   * $2 whether a recorded death starts the period (then the audit trail need not be read).
   */
  private static final String FACTS = """
      SELECT p.id, p.nhs_number, p.created_at, coalesce(p.draft_content, v.content) AS content,
             greatest(p.created_at, p.draft_updated_at, v.published_at) AS last_worked_on, d.died_on,
             (SELECT max(k.review_on) FROM retention_appraisal k WHERE k.record_id = p.id AND k.decision = 'KEEP')
                 AS kept_until,
             CASE WHEN $2 AND d.died_on IS NOT NULL THEN NULL
                  ELSE (SELECT max(e.occurred_at) FROM audit_event e
                        WHERE e.nhs_number = p.nhs_number AND e.outcome = 'SUCCESS' AND e.organisation IS NOT NULL
                          AND e.organisation <> $1 AND e.action NOT LIKE 'plan.death.%') END AS last_accessed_at
      FROM care_plan p
      LEFT JOIN plan_version v ON v.plan_id = p.id AND v.version = p.latest_version
      LEFT JOIN patient_death d ON d.plan_id = p.id
      """;

  /**
   * Plans that may have come to the end of their minimum period by $3 (nothing more recent can have) and are not
   * already on the list, decided for destruction or preservation, or kept until a review date still to come ($4).
   */
  private static final String CANDIDATES = FACTS + """
      WHERE (CASE WHEN $2 AND d.died_on IS NOT NULL THEN d.died_on
                  ELSE greatest(p.created_at, p.draft_updated_at, v.published_at)::date END) <= $3
        AND NOT EXISTS (SELECT 1 FROM retention_appraisal a WHERE a.record_id = p.id
              AND (a.decision IS NULL OR a.decision IN ('DESTROY', 'PRESERVE')
                   OR (a.decision = 'KEEP' AND a.review_on > $4)))
      ORDER BY p.id
      """;

  private static final String INSERT_APPRAISAL = """
      INSERT INTO retention_appraisal (id, record_class, record_id, nhs_number, retention_trigger,
          retention_started_on, minimum_ends_on, due_on, basis, listed_at, revision)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)
      ON CONFLICT (record_id) WHERE decision IS NULL DO NOTHING""";

  /**
   * The first retained audit event after $1 that must still be kept: too recent ($2), or about a patient of whom a
   * record is still held (a plan, a submission, a rights request, a restriction, a complaint concerning them, a
   * breach-register incident listing them, whose affected records are these very events) or on whom a hold is active
   * on $3.
   */
  private static final String FIRST_KEPT_EVENT = """
      SELECT e.seq, e.occurred_at, e.nhs_number,
             EXISTS (SELECT 1 FROM retention_hold h WHERE h.nhs_number = e.nhs_number AND h.lifted_at IS NULL
                     AND (h.until_on IS NULL OR h.until_on >= $3)) AS held
      FROM audit_event e
      WHERE e.seq > $1 AND (e.occurred_at >= $2 OR (e.nhs_number IS NOT NULL AND (
            EXISTS (SELECT 1 FROM care_plan p WHERE p.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM submitted_draft s WHERE s.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM rights_request r WHERE r.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM restriction r WHERE r.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM complaint c WHERE c.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM breach_affected_patient b WHERE b.nhs_number = e.nhs_number)
         OR EXISTS (SELECT 1 FROM retention_hold h WHERE h.nhs_number = e.nhs_number AND h.lifted_at IS NULL
                    AND (h.until_on IS NULL OR h.until_on >= $3)))))
      ORDER BY e.seq
      LIMIT 1""";

  /** What keeps an audit event from being destroyed. */
  public record KeptEvent(long seq, Instant occurredAt, String nhsNumber, boolean held) {
  }

  private final Pool database;

  public PlanRetentionRepository(Pool database) {
    this.database = database;
  }

  /** One plan's facts, or null when there is no such plan. */
  public Uni<PlanRetentionFacts> factsOf(UUID planId, String operator, boolean deathStarts) {
    return database.preparedQuery(FACTS + " WHERE p.id = $3").execute(Tuple.of(operator, deathStarts, planId))
        .map(rows -> rows.size() == 0 ? null : facts(rows.iterator().next()));
  }

  /** Plans that may be due for appraisal by {@code lastSeenBy}, read in the connection's transaction. */
  public Uni<List<PlanRetentionFacts>> candidates(SqlConnection connection, String operator, boolean deathStarts,
      LocalDate lastSeenBy, LocalDate today) {
    return connection.preparedQuery(CANDIDATES).execute(Tuple.of(operator, deathStarts, lastSeenBy, today))
        .map(PlanRetentionRepository::allFacts);
  }

  /**
   * Takes the job's turn: a transaction-scoped advisory lock, so that one replica lists at a time and the others
   * skip the run. Emits whether this transaction got it.
   */
  public Uni<Boolean> takeTurn(SqlConnection connection) {
    return connection.query("SELECT pg_try_advisory_xact_lock(hashtext('openucp.retention-appraisals'))").execute()
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Lists the record for appraisal unless it is already listed and undecided; emits whether this call listed it. */
  public Uni<Boolean> listOnce(SqlConnection connection, RetentionAppraisal appraisal) {
    return connection.preparedQuery(INSERT_APPRAISAL).execute(Tuple.from(new Object[] {appraisal.id,
            appraisal.recordClass.name(), appraisal.recordId, appraisal.nhsNumber, appraisal.retentionTrigger.name(),
            appraisal.retentionStartedOn, appraisal.minimumEndsOn, appraisal.dueOn, appraisal.basis,
            appraisal.listedAt.atOffset(ZoneOffset.UTC)}))
        .map(result -> result.rowCount() == 1);
  }

  /** The first audit event after {@code afterSeq} that must be kept, or null when every one may go. */
  public Uni<KeptEvent> firstKeptEvent(SqlClient client, long afterSeq, Instant recentFrom, LocalDate today) {
    return client.preparedQuery(FIRST_KEPT_EVENT)
        .execute(Tuple.of(afterSeq, recentFrom.atOffset(ZoneOffset.UTC), today))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new KeptEvent(row.getLong("seq"), row.getOffsetDateTime("occurred_at").toInstant(),
              row.getString("nhs_number"), row.getBoolean("held"));
        });
  }

  /** The last sealed event after {@code afterSeq} and before {@code beforeSeq}: how far a destruction may go. */
  public Uni<Long> lastSealBefore(long afterSeq, long beforeSeq) {
    return database.preparedQuery("SELECT max(seq) FROM audit_seal WHERE seq > $1 AND seq < $2")
        .execute(Tuple.of(afterSeq, beforeSeq))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The last sealed event: the chain head. */
  public Uni<Long> sealedThrough(SqlClient client) {
    return client.query("SELECT last_seq FROM audit_chain_head WHERE id = 1").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Locks the chain head for the transaction: the sealer and other destructions wait until it ends. */
  public Uni<Void> lockChainHead(SqlConnection connection) {
    return connection.query("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").execute()
        .replaceWithVoid();
  }

  /** Whether a seal ends at the event: a destruction can only end there. */
  public Uni<Boolean> isSealBoundary(long seq) {
    return database.preparedQuery("SELECT count(*) FROM audit_seal WHERE seq = $1").execute(Tuple.of(seq))
        .map(rows -> rows.iterator().next().getLong(0) > 0);
  }

  /** The key of the NHS number hashes in the destruction log. */
  public Uni<String> stubKey() {
    return database.query("SELECT key FROM retention_stub_key WHERE id = 1").execute()
        .map(rows -> rows.iterator().next().getString(0));
  }

  public Pool database() {
    return database;
  }

  private static List<PlanRetentionFacts> allFacts(RowSet<Row> rows) {
    List<PlanRetentionFacts> facts = new ArrayList<>(rows.size());
    rows.forEach(row -> facts.add(facts(row)));
    return facts;
  }

  private static PlanRetentionFacts facts(Row row) {
    return new PlanRetentionFacts(row.getUUID("id"), row.getString("nhs_number"),
        row.getOffsetDateTime("created_at").toInstant(), row.getString("content"),
        row.getOffsetDateTime("last_worked_on").toInstant(),
        row.getOffsetDateTime("last_accessed_at") == null ? null
            : row.getOffsetDateTime("last_accessed_at").toInstant(),
        row.getLocalDate("died_on"), row.getLocalDate("kept_until"));
  }
}
