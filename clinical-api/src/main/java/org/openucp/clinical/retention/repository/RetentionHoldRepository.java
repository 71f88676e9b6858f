package org.openucp.clinical.retention.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.retention.RetentionHold;

@ApplicationScoped
public class RetentionHoldRepository implements PanacheRepositoryBase<RetentionHold, UUID> {

  /** What a record a hold may be placed on is, and whose it is, if it names one patient. */
  public record HeldRecord(RetentionHold.RecordKind kind, String nhsNumber) {
  }

  /** The holds active on the day on the record, or on the records of any of the patients it names. */
  public Uni<List<RetentionHold>> activeOn(Collection<String> nhsNumbers, UUID recordId, LocalDate day) {
    String active = "liftedAt is null and (untilOn is null or untilOn >= :day)";
    return nhsNumbers.isEmpty()
        ? list(active + " and recordId = :record", Sort.by("placedAt"),
            Parameters.with("day", day).and("record", recordId))
        : list(active + " and (recordId = :record or nhsNumber in :patients)", Sort.by("placedAt"),
            Parameters.with("day", day).and("record", recordId).and("patients", List.copyOf(nhsNumbers)));
  }

  /**
   * The holds active on the day on a breach-register entry, or on the records of any patient it lists as affected
   * (however many: the database compares them).
   */
  public Uni<List<RetentionHold>> activeOnIncident(UUID breachId, LocalDate day) {
    return list("liftedAt is null and (untilOn is null or untilOn >= :day) and (recordId = :record or nhsNumber in"
            + " (select p.nhsNumber from AffectedPatient p where p.breachId = :record))", Sort.by("placedAt"),
        Parameters.with("day", day).and("record", breachId));
  }

  /** The plan, complaint or breach-register entry with this id, or null when none is held. */
  public Uni<HeldRecord> record(UUID recordId) {
    return getSession().chain(session -> session.createNativeQuery("""
            SELECT 'PLAN', nhs_number FROM care_plan WHERE id = :record
            UNION ALL SELECT 'COMPLAINT', nhs_number FROM complaint WHERE id = :record
            UNION ALL SELECT 'INCIDENT', NULL FROM breach WHERE id = :record""", Object[].class)
        .setParameter("record", recordId)
        .getResultList())
        .map(rows -> rows.isEmpty() ? null : new HeldRecord(RetentionHold.RecordKind.valueOf((String) rows.get(0)[0]),
            rows.get(0)[1] == null ? null : ((String) rows.get(0)[1]).strip()));
  }

  /** Holds not lifted (those past their end date too), or every hold; newest first. */
  public Uni<List<RetentionHold>> listed(boolean includeLifted) {
    return includeLifted ? list("from RetentionHold", Sort.by("placedAt").descending())
        : list("liftedAt is null", Sort.by("placedAt").descending());
  }
}
