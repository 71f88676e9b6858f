package org.openucp.clinical.organisation.service;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** The checks every roster upload passes, JSON or CSV, each problem named by its row and field. */
final class RosterChecks {

  private RosterChecks() {
  }

  /** A member of staff and where the upload had them: {@code [0]} in JSON, {@code row 2} in CSV. */
  record Row(String name, RosterMember member) {

    String field(String property) {
      return name.startsWith("[") ? name + "." + property : name + ", " + property;
    }
  }

  /** Every field that breaks a constraint, and every user listed twice, in the order of the upload. */
  static List<Problem.FieldError> check(List<Row> rows, Validator validator) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, Row> byUserId = new HashMap<>();
    for (Row row : rows) {
      validator.validate(row.member()).stream()
          .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
          .forEach(violation -> errors.add(new Problem.FieldError(
              row.field(violation.getPropertyPath().toString()), message(violation))));
      String userId = row.member().userId();
      if (userId != null && !userId.isBlank()) {
        Row first = byUserId.putIfAbsent(userId, row);
        if (first != null) {
          errors.add(new Problem.FieldError(row.field("userId"), userId + " is listed twice: also at " + first.name()));
        }
      }
    }
    return errors;
  }

  private static String message(ConstraintViolation<RosterMember> violation) {
    return violation.getMessage();
  }

  /** A 400 problem listing what is wrong: nothing was stored. */
  static ProblemException invalid(List<Problem.FieldError> errors) {
    String where = errors.stream().map(Problem.FieldError::field).distinct().limit(10)
        .collect(Collectors.joining("; "));
    return new ProblemException(Problem.of("invalid-roster", "The roster could not be read", 400,
        "Nothing was changed: correct " + where + (errors.size() > 10 ? " and the rest listed" : "")
            + ", then upload the whole roster again").withErrors(errors));
  }
}
