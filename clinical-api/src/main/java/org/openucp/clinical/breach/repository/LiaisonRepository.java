package org.openucp.clinical.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.breach.Liaison;

@ApplicationScoped
public class LiaisonRepository implements PanacheRepositoryBase<Liaison, UUID> {

  /** The breach's entries, oldest first. */
  public Uni<List<Liaison>> of(UUID breachId) {
    return list("breachId", Sort.by("liaisedAt").and("id"), breachId);
  }
}
