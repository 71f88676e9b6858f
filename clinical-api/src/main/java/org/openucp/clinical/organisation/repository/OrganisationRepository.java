package org.openucp.clinical.organisation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.openucp.clinical.organisation.Organisation;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

  public Uni<List<Organisation>> listByName() {
    return listAll(Sort.by("name"));
  }
}
