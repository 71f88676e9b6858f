package org.openucp.portal.draft.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.draft.Draft;

@ApplicationScoped
public class DraftRepository implements PanacheRepositoryBase<Draft, UUID> {

  /** The patient's draft with this id; another patient's draft is as absent as one that never existed. */
  public Uni<Draft> findOwned(UUID id, NhsNumber patient) {
    return find("id = ?1 and nhsNumber = ?2", id, patient.value()).firstResult();
  }

  public Uni<List<Draft>> listOwned(NhsNumber patient) {
    return list("nhsNumber", patient.value());
  }

  public Uni<List<Draft>> findAllById(List<UUID> ids) {
    return list("id in ?1", ids);
  }
}
