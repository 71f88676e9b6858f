package org.openucp.clinical.organisation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.openucp.clinical.organisation.RosterEntry;

@ApplicationScoped
public class RosterRepository implements PanacheRepositoryBase<RosterEntry, RosterEntry.Key> {

  public Uni<RosterEntry> findMember(String odsCode, String userId) {
    return find("odsCode = ?1 and userId = ?2", odsCode, userId).firstResult();
  }

  public Uni<List<RosterEntry>> listFor(String odsCode) {
    return list("odsCode", Sort.by("name"), odsCode);
  }

  public Uni<Long> deleteFor(String odsCode) {
    return delete("odsCode", odsCode);
  }
}
