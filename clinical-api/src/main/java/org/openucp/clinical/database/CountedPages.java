package org.openucp.clinical.database;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import org.openucp.web.paging.Slice;

/** One page of a Panache query with the count of the whole list, in the same session, one after the other. */
public final class CountedPages {

  private CountedPages() {
  }

  public static <E> Uni<Slice<E>> read(PanacheQuery<E> query, int page, int size) {
    return query.count().chain(total -> query.page(Page.of(page, size)).list()
        .map(found -> Slice.counted(found, total, page, size)));
  }
}
