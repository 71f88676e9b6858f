package org.openucp.web.paging;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Links of a page, as references relative to the service's host (path and query), so that they stay right behind
 * a TLS-terminating ingress, whose scheme and host the service does not see.
 */
@Schema(description = "Where this page is and its neighbours are; next is absent on the last page, prev on the first")
public record PageLinks(@Schema(required = true) String self, String next, String prev) {

  static PageLinks self(UriInfo request) {
    return new PageLinks(reference(request.getRequestUri()), null, null);
  }

  static PageLinks of(UriInfo request, int page, boolean hasMore) {
    return new PageLinks(reference(request.getRequestUri()), hasMore ? pageAt(request, page + 1) : null,
        page > 0 ? pageAt(request, page - 1) : null);
  }

  /** The cursor feed's links: the next request starts after the last item returned. */
  public static PageLinks after(UriInfo request, long cursor) {
    return new PageLinks(reference(request.getRequestUri()),
        reference(request.getRequestUriBuilder().replaceQueryParam("after", cursor).build()), null);
  }

  private static String pageAt(UriInfo request, int page) {
    return reference(request.getRequestUriBuilder().replaceQueryParam("page", page).build());
  }

  private static String reference(URI uri) {
    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
  }
}
