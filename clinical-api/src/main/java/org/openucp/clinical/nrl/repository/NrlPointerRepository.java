package org.openucp.clinical.nrl.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.nrl.NrlPointer;

@ApplicationScoped
public class NrlPointerRepository implements PanacheRepositoryBase<NrlPointer, UUID> {

  public Uni<NrlPointer> currentFor(UUID planId) {
    return find("planId = ?1 and status = ?2", planId, NrlPointer.CURRENT).firstResult();
  }

  public Uni<List<NrlPointer>> currentForPatient(String nhsNumber) {
    return list("nhsNumber = ?1 and status = ?2", nhsNumber, NrlPointer.CURRENT);
  }
}
