package org.openucp.clinical.retention.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the appraisal job reads of the records kept apart from plans: closed complaints and breach-register incidents
 * that may have come to the end of their minimum period, in the job's transaction.
 */
@ApplicationScoped
public class RecordRetentionRepository {

  /** Not already on the list, decided for destruction or preservation, or kept until a review date to come ($2). */
  private static final String NOT_APPRAISED = """
      NOT EXISTS (SELECT 1 FROM retention_appraisal a WHERE a.record_id = %s
              AND (a.decision IS NULL OR a.decision IN ('DESTROY', 'PRESERVE')
                   OR (a.decision = 'KEEP' AND a.review_on > $2)))""";

  private static final String KEPT_UNTIL = """
      (SELECT max(k.review_on) FROM retention_appraisal k WHERE k.record_id = %s AND k.decision = 'KEEP')
          AS kept_until""";

  /** Complaints closed before $1 (nothing closed later can be due). */
  private static final String CLOSED_COMPLAINTS = "SELECT c.id, c.nhs_number, c.closed_at, "
      + KEPT_UNTIL.formatted("c.id") + " FROM complaint c WHERE c.status = 'CLOSED' AND c.closed_at < $1 AND "
      + NOT_APPRAISED.formatted("c.id") + " ORDER BY c.id";

  /** Incidents that happened (or, not knowing when, were known of) before $1. */
  private static final String INCIDENTS = "SELECT b.id, b.occurred_at, b.aware_at, b.serious_incident, "
      + "coalesce(b.notify_regulator, false) AS notifiable, " + KEPT_UNTIL.formatted("b.id")
      + " FROM breach b WHERE coalesce(b.occurred_at, b.aware_at) < $1 AND " + NOT_APPRAISED.formatted("b.id")
      + " ORDER BY b.id";

  /** A closed complaint, as its retention needs it. */
  public record ClosedComplaint(UUID id, String nhsNumber, Instant closedAt, LocalDate keptUntil) {
  }

  /** A breach-register incident, as its retention needs it. */
  public record Incident(UUID id, Instant occurredAt, Instant awareAt, boolean markedSerious, boolean notifiable,
      LocalDate keptUntil) {
  }

  /** Closed complaints that may be due: closed before {@code closedBefore}. */
  public Uni<List<ClosedComplaint>> closedComplaints(SqlConnection connection, Instant closedBefore,
      LocalDate today) {
    return connection.preparedQuery(CLOSED_COMPLAINTS).execute(Tuple.of(utc(closedBefore), today)).map(rows -> {
      List<ClosedComplaint> found = new ArrayList<>(rows.size());
      for (Row row : rows) {
        String nhsNumber = row.getString("nhs_number");
        found.add(new ClosedComplaint(row.getUUID("id"), nhsNumber == null ? null : nhsNumber.strip(),
            instant(row, "closed_at"), row.getLocalDate("kept_until")));
      }
      return found;
    });
  }

  /** Incidents that may be due: happened, or when that is not known were known of, before {@code before}. */
  public Uni<List<Incident>> incidents(SqlConnection connection, Instant before, LocalDate today) {
    return connection.preparedQuery(INCIDENTS).execute(Tuple.of(utc(before), today)).map(rows -> {
      List<Incident> found = new ArrayList<>(rows.size());
      for (Row row : rows) {
        found.add(new Incident(row.getUUID("id"), instant(row, "occurred_at"), instant(row, "aware_at"),
            row.getBoolean("serious_incident"), row.getBoolean("notifiable"), row.getLocalDate("kept_until")));
      }
      return found;
    });
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
