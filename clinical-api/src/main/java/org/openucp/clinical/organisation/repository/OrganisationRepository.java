package org.openucp.clinical.organisation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OrganisationType;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

  public Uni<List<Organisation>> listByName() {
    return listAll(Sort.by("name"));
  }

  /** Organisations of the given kinds, by name: the agreement in force is the caller's to check. */
  public Uni<List<Organisation>> ofTypes(Collection<OrganisationType> types) {
    return list("type in ?1", Sort.by("name"), types);
  }
}
