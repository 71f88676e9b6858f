package org.openucp.clinical.retention.service;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.openucp.clinical.retention.RetentionHold;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** The problems retention answers with. */
public final class RetentionProblems {

  private RetentionProblems() {
  }

  /** A well-formed value the rules do not allow: 422, naming the field. */
  public static ProblemException unprocessable(String field, String message) {
    return new ProblemException(Problem.of("invalid-input", "The request has invalid fields", 422,
        field + ": " + message).withErrors(List.of(new Problem.FieldError(field, message))));
  }

  /** Well-formed values that do not go together: 422, naming each field. */
  public static ProblemException unprocessable(List<String> fields, String message) {
    return new ProblemException(Problem.of("invalid-input", "The request has invalid fields", 422,
        String.join(", ", fields) + ": " + message).withErrors(fields.stream()
        .map(field -> new Problem.FieldError(field, message)).toList()));
  }

  /** Nothing of a patient's may be destroyed while a hold is on their records. */
  public static ProblemException onHold(List<RetentionHold> holds) {
    String which = holds.stream().map(hold -> hold.kind + " hold " + hold.id
            + (hold.recordId == null ? "" : " on " + hold.recordKind + " " + hold.recordId)
            + (hold.reference == null ? "" : " (" + hold.reference + ")") + " placed on "
            + LocalDate.ofInstant(hold.placedAt, java.time.ZoneOffset.UTC)
            + (hold.untilOn == null ? "" : " until " + hold.untilOn))
        .collect(Collectors.joining("; "));
    return ProblemException.conflict("records-on-hold", "The records are on hold",
        "Nothing of this patient's, and no record held by itself, may be destroyed while a hold is active: " + which
            + ". Lift the hold first if it no longer applies.");
  }
}
