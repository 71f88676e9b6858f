package org.openucp.clinical.plan.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.model.identity.NhsNumber;

@ApplicationScoped
public class CarePlanRepository implements PanacheRepositoryBase<CarePlan, UUID> {

  public Uni<CarePlan> findByPatient(NhsNumber patient) {
    return find("nhsNumber", patient.value()).firstResult();
  }

  /** Deletes the plan; the database deletes its versions, consent and attachments with it. */
  public Uni<Long> deleteWithEverything(UUID planId) {
    return delete("id", planId);
  }
}
