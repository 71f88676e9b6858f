package org.openucp.clinical.plan.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.plan.PlanVersion;

@ApplicationScoped
public class PlanVersionRepository implements PanacheRepositoryBase<PlanVersion, PlanVersion.Key> {

  public Uni<PlanVersion> findVersion(UUID planId, int version) {
    return find("planId = ?1 and version = ?2", planId, version).firstResult();
  }

  public Uni<List<PlanVersion>> history(UUID planId) {
    return list("planId", Sort.by("version").descending(), planId);
  }

  public Uni<Long> countFor(UUID planId) {
    return count("planId", planId);
  }
}
