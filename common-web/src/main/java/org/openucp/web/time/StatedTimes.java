package org.openucp.web.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Times a person states for something that has happened (a request received, a notice sent, a breach noticed): not
 * in the future beyond clock skew, and not before the service could exist, so that no such time is one the
 * database cannot store (year 1, year 999999) or one that makes a deadline meaningless.
 */
public final class StatedTimes {

  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  private StatedTimes() {
  }

  /** What is wrong with the stated time, as a field error's message, or null when it can be right. */
  public static String problem(Instant at, Instant now) {
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      return "must not be in the future";
    }
    return at.isBefore(EARLIEST) ? "must not be before " + EARLIEST : null;
  }

  /** Refuses with a 400 naming the field a stated time that cannot be right. */
  public static void require(String field, Instant at, Instant now) {
    String problem = problem(at, now);
    if (problem != null) {
      throw new ProblemException(Problem.of("time-not-possible", "Not a possible time", 400, field + " " + problem)
          .withErrors(List.of(new Problem.FieldError(field, problem))));
    }
  }
}
