package org.openucp.web.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV as a spreadsheet should open it: UTF-8 with a byte order mark (so Excel reads the accents), CRLF, every value
 * quoted, and a value that would start a formula (CSV injection) shown as text behind a single quote. What is
 * stored is never changed: only what is written out is neutralised.
 */
public final class SpreadsheetCsv {

  public static final String MEDIA_TYPE = "text/csv";
  public static final char BYTE_ORDER_MARK = '\uFEFF';
  /** Characters that make a spreadsheet treat a cell as a formula. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private SpreadsheetCsv() {
  }

  /** The rows under the header, as a spreadsheet file. */
  public static String write(List<String> header, List<List<String>> rows) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
        .setQuoteMode(QuoteMode.ALL).setRecordSeparator("\r\n").get();
    StringBuilder csv = new StringBuilder().append(BYTE_ORDER_MARK);
    try (CSVPrinter printer = new CSVPrinter(csv, format)) {
      for (List<String> row : rows) {
        printer.printRecord(row.stream().map(SpreadsheetCsv::neutralised).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return csv.toString();
  }

  /** The value as a spreadsheet shows it as text: one that would start a formula gets a single quote before it. */
  public static String neutralised(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
