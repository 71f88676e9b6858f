package org.openucp.clinical.plan.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.plan.PatientComment;

@ApplicationScoped
public class PatientCommentRepository implements PanacheRepositoryBase<PatientComment, UUID> {

  public Uni<List<PatientComment>> forPlan(UUID planId) {
    return list("planId", Sort.by("recordedAt"), planId);
  }
}
