package org.openucp.clinical.withdrawal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.withdrawal.FollowUpTask;

@ApplicationScoped
public class FollowUpTaskRepository implements PanacheRepositoryBase<FollowUpTask, UUID> {

  public Uni<List<FollowUpTask>> openFor(String organisation) {
    return list("organisation = ?1 and completedAt is null", Sort.by("createdAt"), organisation);
  }
}
