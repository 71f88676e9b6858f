package org.openucp.web.paging;

import java.util.List;
import java.util.function.Function;

/** What a repository found for one page: its items, the list's total where counted, and whether more follow. */
public record Slice<T>(List<T> items, Long total, boolean hasMore) {

  /** A page of a counted list. */
  public static <T> Slice<T> counted(List<T> items, long total, int page, int size) {
    return new Slice<>(items, total, (long) (page + 1) * size < total);
  }

  /**
   * A page read with one row more than its size ({@code fetched}), which only says that more follow: for lists whose
   * count would cost more than the page.
   */
  public static <T> Slice<T> lookedAhead(List<T> fetched, int size) {
    boolean more = fetched.size() > size;
    return new Slice<>(more ? List.copyOf(fetched.subList(0, size)) : fetched, null, more);
  }

  public <R> Slice<R> map(Function<? super T, ? extends R> mapper) {
    return new Slice<>(items.stream().<R>map(mapper).toList(), total, hasMore);
  }
}
