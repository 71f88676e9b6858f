package org.openucp.clinical.rights.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.openucp.clinical.rights.Restriction;

@ApplicationScoped
public class RestrictionRepository implements PanacheRepositoryBase<Restriction, String> {

  public Uni<Boolean> isRestricted(String nhsNumber) {
    return count("nhsNumber", nhsNumber).map(count -> count > 0);
  }
}
