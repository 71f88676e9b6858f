package org.openucp.web.version;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.EntityTag;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** Optimistic concurrency at the edge: an entity's version travels as a strong ETag and comes back in If-Match. */
public final class Versions {

  private Versions() {
  }

  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /** Reads the version the caller last saw, insisting that they say which one (428 otherwise). */
  public static long required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(Problem.of("precondition-required", "If-Match required", 428,
          "Send the ETag you last read in If-Match, so that concurrent edits are not overwritten"));
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw new ProblemException(Problem.of("stale-version", "Unknown version", 412,
          "If-Match " + ifMatch + " is not a version of this resource. Read it again to get its ETag."));
    }
  }

  /** Fails with 412 when the stored version moved on since the caller read it. */
  public static void check(long expected, long current) {
    if (expected != current) {
      throw stale(current, expected);
    }
  }

  /**
   * After a delete by statement that named the version it read ({@code id = ? and revision = ?}): none deleted means
   * someone changed or removed the row since, answered as Hibernate's own version check is (412). Deleting by
   * statement, not by removing the loaded entity, because Hibernate Reactive's entity delete shares its pending result
   * between sessions (hibernate-reactive#1713): two at once leave one transaction waiting for good.
   */
  public static void checkDeleted(long deleted) {
    if (deleted == 0) {
      throw new OptimisticLockException("Changed or removed since it was read");
    }
  }

  public static ProblemException stale(long current, long sent) {
    return new ProblemException(Problem.of("stale-version", "Changed since you read it", 412,
        "Version " + current + " is current; you sent " + sent + ". Reload and re-apply your edit."));
  }
}
