package org.openucp.clinical.organisation.service;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openucp.clinical.organisation.RosterEntry;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.web.json.PlainText;
import org.openucp.web.csv.SpreadsheetCsv;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Reads a roster as organisations export it from a spreadsheet, and writes one that a spreadsheet opens safely.
 *
 * <p>Reading: a header row naming the columns (any order, any case, spaces ignored; {@code userId} and {@code name}
 * are required, the others optional), then one member of staff per row. Quoted values may hold commas, quotes and
 * line breaks. A UTF-8 byte order mark, CRLF line ends and Excel's {@code sep=} first line are understood; the text
 * must be UTF-8 unless the Content-Type names another charset. Dates are {@code 2026-01-31} or, as Excel writes them
 * in the UK, {@code 31/01/2026}. Rows are numbered as a spreadsheet shows them: the header is row 1. Every problem
 * found is reported at once, naming its row and column.
 *
 * <p>Writing: UTF-8 with a byte order mark (so that Excel reads names as written), CRLF, every value quoted, and a
 * value that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return) prefixed
 * with a single quote. What is stored is never changed: only the export is neutralised.
 */
public final class RosterCsv {

  /** The columns of a roster, in the order an export writes them. */
  public enum Column {
    USER_ID("userId", true),
    NAME("name", true),
    EMAIL("email", false, "workemail"),
    JOB_ROLE("jobRole", false),
    JOB_TITLE("jobTitle", false),
    COURSE("course", false, "trainingcourse"),
    TRAINING_COMPLETED_ON("trainingCompletedOn", false);

    private final String header;
    private final boolean required;
    private final List<String> names;

    Column(String header, boolean required, String... aliases) {
      this.header = header;
      this.required = required;
      List<String> all = new ArrayList<>(List.of(normalised(header)));
      all.addAll(Arrays.asList(aliases));
      this.names = List.copyOf(all);
    }

    public String header() {
      return header;
    }

    static Column named(String header) {
      String name = normalised(header);
      return Arrays.stream(values()).filter(column -> column.names.contains(name)).findFirst().orElse(null);
    }

    private static String normalised(String header) {
      return header.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
  }

  /** The header of an export, and the one the README gives: every column, in order. */
  public static final String HEADER = "userId,name,email,jobRole,jobTitle,course,trainingCompletedOn";
  public static final String MEDIA_TYPE = SpreadsheetCsv.MEDIA_TYPE;
  static final char BYTE_ORDER_MARK = SpreadsheetCsv.BYTE_ORDER_MARK;
  private static final Pattern SEPARATOR_LINE = Pattern.compile("^sep=([^\\r\\n\"])[ \\t]*(\\r\\n|\\n|\\r|$)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ROW_NUMBER = Pattern.compile("row (\\d+)");
  private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
      .withResolverStyle(ResolverStyle.STRICT);

  private RosterCsv() {
  }

  /**
   * The members of staff in the uploaded roster, each checked as the JSON upload checks them; or a 400 problem
   * naming every row and column that is wrong.
   *
   * @param charset the charset named by the Content-Type, or null for UTF-8
   */
  public static List<RosterMember> read(byte[] body, String charset, Validator validator) {
    String text = decode(body, charset);
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      text = text.substring(1);
    }
    char delimiter = ',';
    Matcher separator = SEPARATOR_LINE.matcher(text);
    if (separator.find()) {
      delimiter = separator.group(1).charAt(0);
      text = text.substring(separator.end());
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    List<Problem.FieldError> errors = new ArrayList<>();
    List<RosterChecks.Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Iterator<CSVRecord> records = parser.iterator();
      Column[] columns = null;
      long row = 0;
      try {
        while (records.hasNext()) {
          CSVRecord record = records.next();
          row = record.getRecordNumber();
          if (columns == null) {
            columns = header(record, errors);
            if (columns == null) {
              break;
            }
          } else if (!blank(record)) {
            RosterMember member = member(record, "row " + row, columns, errors);
            if (member != null) {
              rows.add(new RosterChecks.Row("row " + row, member));
            }
          }
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        errors.add(new Problem.FieldError("row " + (row + 1), "cannot be read as CSV: "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
            + " (a value with a comma, quote or line break must be in double quotes, its quotes doubled)"));
      }
      if (columns == null && errors.isEmpty()) {
        errors.add(new Problem.FieldError("row 1", "the roster is empty: it needs a header row such as " + HEADER));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    errors.addAll(RosterChecks.check(rows, validator));
    errors.sort(Comparator.comparingLong(RosterCsv::rowOf));
    if (!errors.isEmpty()) {
      throw RosterChecks.invalid(errors);
    }
    return rows.stream().map(RosterChecks.Row::member).toList();
  }

  /** The roster as a spreadsheet should open it: every value quoted, formula-like values neutralised. */
  public static String write(List<RosterEntry> entries) {
    return SpreadsheetCsv.write(List.of(HEADER.split(",")), entries.stream().map(entry -> Arrays.asList(
        entry.userId, entry.name, entry.email, entry.jobRole, entry.jobTitle, entry.course,
        entry.trainingCompletedOn == null ? "" : entry.trainingCompletedOn.toString())).toList());
  }

  private static String decode(byte[] body, String charsetName) {
    Charset charset;
    try {
      charset = charsetName == null || charsetName.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw RosterChecks.invalid(List.of(new Problem.FieldError("charset",
          "\"" + charsetName + "\" is not a charset this service knows: send UTF-8")));
    }
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw RosterChecks.invalid(List.of(new Problem.FieldError("line " + lineOf(body, in.position()),
          "is not " + charset.name() + " text: save the roster as \"CSV UTF-8\", or name its charset in the"
              + " Content-Type (text/csv; charset=windows-1252)")));
    }
    return out.flip().toString();
  }

  /** The row an error names, to list errors in the order of the rows. */
  private static long rowOf(Problem.FieldError error) {
    Matcher row = ROW_NUMBER.matcher(error.field());
    return row.lookingAt() ? Long.parseLong(row.group(1)) : 0;
  }

  private static int lineOf(byte[] body, int position) {
    int line = 1;
    for (int i = 0; i < position && i < body.length; i++) {
      if (body[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The columns the header row names, or null (with the errors found) when it cannot be used. */
  private static Column[] header(CSVRecord record, List<Problem.FieldError> errors) {
    Column[] columns = new Column[record.size()];
    Map<Column, Integer> seen = new EnumMap<>(Column.class);
    List<Problem.FieldError> found = new ArrayList<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i).strip();
      Column column = Column.named(name);
      if (name.isEmpty()) {
        found.add(new Problem.FieldError("row 1", "column " + (i + 1) + " has no name; the columns are " + HEADER));
      } else if (column == null) {
        found.add(new Problem.FieldError("row 1", "unknown column \"" + name + "\"; the columns are " + HEADER));
      } else if (seen.putIfAbsent(column, i) != null) {
        found.add(new Problem.FieldError("row 1", "column " + column.header() + " appears twice"));
      }
      columns[i] = column;
    }
    for (Column column : Column.values()) {
      if (column.required && !seen.containsKey(column)) {
        found.add(new Problem.FieldError("row 1", "the header must name the column " + column.header()
            + " (a header row such as " + HEADER + ")"));
      }
    }
    errors.addAll(found);
    return found.isEmpty() ? columns : null;
  }

  private static boolean blank(CSVRecord record) {
    return record.stream().allMatch(value -> value.strip().isEmpty());
  }

  private static RosterMember member(CSVRecord record, String row, Column[] columns,
      List<Problem.FieldError> errors) {
    if (record.size() != columns.length) {
      errors.add(new Problem.FieldError(row, "has " + record.size() + " values where the header has "
          + columns.length + " columns (a value with a comma must be in double quotes)"));
      return null;
    }
    Map<Column, String> values = new EnumMap<>(Column.class);
    boolean readable = true;
    for (int i = 0; i < columns.length; i++) {
      String value = record.get(i);
      if (PlainText.hasControlCharacter(value)) {
        errors.add(new Problem.FieldError(row + ", " + columns[i].header(),
            PlainText.ControlCharacterException.MESSAGE));
        readable = false;
      }
      values.put(columns[i], cell(value));
    }
    LocalDate trained = null;
    String date = values.get(Column.TRAINING_COMPLETED_ON);
    if (date != null) {
      try {
        trained = date(date);
      } catch (DateTimeParseException e) {
        errors.add(new Problem.FieldError(row + ", " + Column.TRAINING_COMPLETED_ON.header(),
            "\"" + date + "\" is not a date like 2026-01-31 or 31/01/2026"));
        readable = false;
      }
    }
    if (!readable) {
      return null;
    }
    return new RosterMember(values.get(Column.USER_ID), values.get(Column.NAME), values.get(Column.EMAIL),
        values.get(Column.JOB_ROLE), values.get(Column.JOB_TITLE), values.get(Column.COURSE), trained);
  }

  /** The value without the spaces around it (nothing else is changed), or null when nothing is left. */
  private static String cell(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == ' ') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == ' ') {
      end--;
    }
    return start == end ? null : value.substring(start, end);
  }

  private static LocalDate date(String value) {
    return value.indexOf('/') >= 0 ? LocalDate.parse(value, UK_DATE) : LocalDate.parse(value);
  }
}
