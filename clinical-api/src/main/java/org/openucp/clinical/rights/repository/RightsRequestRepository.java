package org.openucp.clinical.rights.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.rights.RightsRequest;

@ApplicationScoped
public class RightsRequestRepository implements PanacheRepositoryBase<RightsRequest, UUID> {

  public Uni<List<RightsRequest>> open() {
    return list("status = ?1", Sort.by("serviceDueAt"), RightsRequest.Status.OPEN);
  }

  public Uni<List<RightsRequest>> forPatient(String nhsNumber) {
    return list("nhsNumber = ?1", Sort.by("receivedAt").descending(), nhsNumber);
  }
}
