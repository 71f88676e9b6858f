package org.openucp.clinical.complaint.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.complaint.Complaint;

@ApplicationScoped
public class ComplaintRepository implements PanacheRepositoryBase<Complaint, UUID> {

  public Uni<List<Complaint>> newestFirst(boolean openOnly) {
    Sort newest = Sort.by("receivedAt").descending();
    return openOnly ? list("status", newest, Complaint.Status.OPEN) : listAll(newest);
  }
}
