package org.openucp.clinical.retention.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.retention.RetentionHold;

@ApplicationScoped
public class RetentionHoldRepository implements PanacheRepositoryBase<RetentionHold, UUID> {

  /** The holds on the patient's records that are active on the day. */
  public Uni<List<RetentionHold>> activeOn(String nhsNumber, LocalDate day) {
    return list("nhsNumber = ?1 and liftedAt is null and (untilOn is null or untilOn >= ?2)", Sort.by("placedAt"),
        nhsNumber, day);
  }

  /** Holds not lifted (those past their end date too), or every hold; newest first. */
  public Uni<List<RetentionHold>> listed(boolean includeLifted) {
    return includeLifted ? list("from RetentionHold", Sort.by("placedAt").descending())
        : list("liftedAt is null", Sort.by("placedAt").descending());
  }
}
