package org.openucp.web.paging;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: every list operation of both APIs answers this shape (README, "Lists"). A list that is complete
 * by nature comes whole in one page with its total and no {@code next} link.
 *
 * @param total how many items the whole list holds; absent where counting would cost more than the page (the audit
 *     trail search), and then {@code links.next} alone says whether there is more
 */
public record Page<T>(
    @Schema(required = true, description = "The items of this page, in the list's order") List<T> items,
    @Schema(description = "How many items the whole list holds; absent where it is not counted") Long total,
    @Schema(required = true) PageLinks links) {

  /** A list that is never paged: every item, its total, a self link. */
  public static <T> Page<T> complete(List<T> items, UriInfo request) {
    return new Page<>(items, (long) items.size(), PageLinks.self(request));
  }

  /** The {@code page}th page (from 0), with links to its neighbours; the links keep the request's own size. */
  public static <T> Page<T> of(Slice<T> slice, int page, UriInfo request) {
    return new Page<>(slice.items(), slice.total(), PageLinks.of(request, page, slice.hasMore()));
  }

  /**
   * The head of a work queue: its oldest items and how many wait in all, with no next link, because the consumer
   * acknowledges what it has done and asks again (acknowledged items leave the queue, so offsets would skip some).
   */
  public static <T> Page<T> head(Slice<T> slice, UriInfo request) {
    return new Page<>(slice.items(), slice.total(), PageLinks.self(request));
  }

  /**
   * A page relayed from another service with this service's own links: the same items and total, and a next link
   * where the other service gave one.
   */
  public Page<T> relinked(int page, UriInfo request) {
    return of(new Slice<>(items, total, links.next() != null), page, request);
  }
}
