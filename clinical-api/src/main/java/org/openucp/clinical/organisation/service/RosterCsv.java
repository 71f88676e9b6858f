package org.openucp.clinical.organisation.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Reads a roster as organisations export it from a spreadsheet: a header line
 * {@code userId,name,jobRole,trainingCompletedOn}, then one member per line (dates as {@code 2026-01-31}).
 */
public final class RosterCsv {

  static final String HEADER = "userId,name,jobRole,trainingCompletedOn";

  private RosterCsv() {
  }

  public static List<RosterMember> parse(String csv) {
    String[] lines = csv.strip().split("\\R");
    if (lines.length == 0 || !lines[0].strip().replace(" ", "").equalsIgnoreCase(HEADER)) {
      throw invalid(List.of(new Problem.FieldError("line 1", "the header must be " + HEADER)));
    }
    List<RosterMember> members = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 4) {
        errors.add(new Problem.FieldError("line " + (i + 1), "expected 4 comma-separated values"));
        continue;
      }
      try {
        LocalDate trained = cells[3].isBlank() ? null : LocalDate.parse(cells[3].strip());
        members.add(new RosterMember(cells[0].strip(), cells[1].strip(),
            cells[2].isBlank() ? null : cells[2].strip(), trained));
      } catch (DateTimeParseException e) {
        errors.add(new Problem.FieldError("line " + (i + 1), "trainingCompletedOn must be a date like 2026-01-31"));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return members;
  }

  private static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(Problem.of("invalid-roster", "The roster could not be read", 400,
        "Correct the roster and upload it again; nothing was changed").withErrors(errors));
  }
}
