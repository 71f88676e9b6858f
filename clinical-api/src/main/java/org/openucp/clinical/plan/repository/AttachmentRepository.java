package org.openucp.clinical.plan.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.plan.Attachment;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

  public Uni<Attachment> findForPlan(UUID planId, UUID id) {
    return find("planId = ?1 and id = ?2", planId, id).firstResult();
  }

  public Uni<List<Attachment>> forPlan(UUID planId) {
    return list("planId", Sort.by("uploadedAt"), planId);
  }

  public Uni<Long> countFor(UUID planId) {
    return count("planId", planId);
  }
}
