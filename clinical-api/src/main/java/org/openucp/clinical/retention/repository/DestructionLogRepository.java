package org.openucp.clinical.retention.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.openucp.clinical.database.CountedPages;
import org.openucp.clinical.retention.DestructionRecord;
import org.openucp.web.paging.Slice;

/** The destruction log: appended to, read, and never changed (the database refuses updates and deletes). */
@ApplicationScoped
public class DestructionLogRepository implements PanacheRepositoryBase<DestructionRecord, UUID> {

  /**
   * A page of the log, newest first; only the stubs of records about one patient when their hash is given: records
   * of theirs, and records that named them among others (an incident's affected patients).
   */
  public Uni<Slice<DestructionRecord>> page(String nhsNumberHash, int pageIndex, int pageSize) {
    Sort newestFirst = Sort.by("destroyedAt").descending().and("id");
    var log = nhsNumberHash == null ? findAll(newestFirst) : find("nhsNumberHash = ?1 or id in (select p.destructionId"
        + " from DestructionPatient p where p.nhsNumberHash = ?1)", newestFirst, nhsNumberHash);
    return CountedPages.read(log, pageIndex, pageSize);
  }
}
