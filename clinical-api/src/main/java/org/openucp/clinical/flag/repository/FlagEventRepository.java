package org.openucp.clinical.flag.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.openucp.clinical.flag.FlagEvent;

@ApplicationScoped
public class FlagEventRepository implements PanacheRepositoryBase<FlagEvent, Long> {

  /** Takes the next feed position, holding the head row until this transaction ends. */
  public Uni<Long> nextSeq() {
    return getSession().chain(session -> session
        .createNativeQuery("UPDATE flag_feed_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq",
            Long.class)
        .getSingleResult());
  }

  public Uni<List<FlagEvent>> after(long cursor, int limit) {
    return find("seq > ?1", Sort.by("seq"), cursor).page(Page.ofSize(limit)).list();
  }

  /** Forgets the identifiers earlier events carried, once the patient's plan is gone. */
  public Uni<Long> forget(String nhsNumber) {
    return delete("nhsNumber", nhsNumber);
  }
}
