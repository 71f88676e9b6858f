package org.openucp.clinical.retention.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.retention.RetentionAppraisal;

@ApplicationScoped
public class RetentionAppraisalRepository implements PanacheRepositoryBase<RetentionAppraisal, UUID> {

  /** The appraisal queue: undecided appraisals, the longest due first. */
  public Uni<List<RetentionAppraisal>> open() {
    return list("decision is null", Sort.by("dueOn").and("listedAt"));
  }

  /** Every appraisal, newest first. */
  public Uni<List<RetentionAppraisal>> all() {
    return list("from RetentionAppraisal", Sort.by("listedAt").descending());
  }

  /** Decided for destruction and not yet destroyed: the records waiting for information governance to destroy. */
  public Uni<List<RetentionAppraisal>> approvedForDestruction() {
    return list("decision = ?1 and destroyedAt is null", Sort.by("decidedAt"), RetentionAppraisal.Decision.DESTROY);
  }
}
