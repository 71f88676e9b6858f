package org.openucp.clinical.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.openucp.web.csv.SpreadsheetCsv;
import org.openucp.clinical.organisation.service.RosterCsv;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** The roster CSV reader and writer on their own: what spreadsheets send, and what must never open as a formula. */
class RosterCsvTest {

  private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

  @Test
  void shouldWriteTheHeaderItReads() {
    assertThat(RosterCsv.HEADER).isEqualTo(Arrays.stream(RosterCsv.Column.values())
        .map(RosterCsv.Column::header).collect(Collectors.joining(",")));
    assertThat(RosterCsv.write(List.of())).isEqualTo("\uFEFF\"userId\",\"name\",\"email\",\"jobRole\",\"jobTitle\","
        + "\"course\",\"trainingCompletedOn\"\r\n");
  }

  @Test
  void shouldNeutraliseEachCharacterThatStartsAFormula() {
    for (String value : List.of("=1+1", "+1", "-1", "@A1", "\tx", "\rx")) {
      assertThat(SpreadsheetCsv.neutralised(value)).isEqualTo("'" + value);
    }
    for (String value : List.of("Dr Jane Doe", "1+1", "a=b", " =1", "'=1")) {
      assertThat(SpreadsheetCsv.neutralised(value)).isEqualTo(value);
    }
    assertThat(SpreadsheetCsv.neutralised(null)).isEmpty();
  }

  @Test
  void shouldReadTheOldFourColumnRoster() {
    List<RosterMember> members = read("userId,name,jobRole,trainingCompletedOn\n555000000001,Dr Jane Doe,R0260,"
        + "2026-01-05\n555000000002,Sam Nurse,,\n");

    assertThat(members).containsExactly(
        new RosterMember("555000000001", "Dr Jane Doe", null, "R0260", null, null, LocalDate.of(2026, 1, 5)),
        new RosterMember("555000000002", "Sam Nurse", null, null, null, null, null));
  }

  @Test
  void shouldTakeTheSeparatorFromASepLine() {
    List<RosterMember> members = read("sep=;\r\nuserId;name;trainingCompletedOn\r\nu1;Doe, Jane;5/1/2026\r\n");

    assertThat(members).containsExactly(
        new RosterMember("u1", "Doe, Jane", null, null, null, null, LocalDate.of(2026, 1, 5)));
  }

  @Test
  void shouldNumberRowsAsASpreadsheetShowsThem() {
    // Blank lines count as rows, a value over two lines is one row, and the sep= line is not shown.
    assertThat(fieldsOf("sep=,\nuserId,name\n\nu1,\"Two\nlines\"\n,Nobody\n")).containsExactly("row 4, userId");
  }

  @Test
  void shouldRefuseControlCharactersAndMalformedText() {
    assertThat(fieldsOf("userId,name\nu1,A\u0000B\n")).containsExactly("row 2, name");
    byte[] latin1 = "userId,name\nu1,Ané\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> RosterCsv.read(latin1, null, VALIDATOR)).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("line 2"));
    assertThatThrownBy(() -> RosterCsv.read(latin1, "no-such-charset", VALIDATOR))
        .isInstanceOfSatisfying(ProblemException.class,
            e -> assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("charset"));
  }

  @Test
  void shouldRefuseAnEmptyRosterOrAHeaderWithoutItsColumns() {
    assertThat(fieldsOf("")).containsExactly("row 1");
    assertThat(fieldsOf("\uFEFF")).containsExactly("row 1");
    assertThat(fieldsOf("userId,name,name\n")).containsExactly("row 1");
    assertThat(fieldsOf("userId,name,\nu1,A,\n")).containsExactly("row 1");
  }

  @Test
  void shouldAcceptAHeaderOnlyAsAnEmptyRoster() {
    assertThat(read("userId,name\r\n")).isEmpty();
  }

  private static List<RosterMember> read(String csv) {
    return RosterCsv.read(csv.getBytes(StandardCharsets.UTF_8), null, VALIDATOR);
  }

  private static List<String> fieldsOf(String csv) {
    try {
      read(csv);
    } catch (ProblemException e) {
      assertThat(e.problem().status()).isEqualTo(400);
      return e.problem().errors().stream().map(Problem.FieldError::field).toList();
    }
    throw new AssertionError("the roster was accepted");
  }
}
