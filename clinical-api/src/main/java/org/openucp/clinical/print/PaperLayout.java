package org.openucp.clinical.print;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Lays text out on A4 pages top to bottom: headings that stand out, wrapped paragraphs, bordered boxes for what must
 * be seen first, and on every page the patient's identity line at the top and the page number and legal status at the
 * foot. Text is wrapped at spaces; a word longer than the line is broken where it must be.
 */
final class PaperLayout {

  static final float TEXT = 9.5f;
  static final float HEADING = 11.5f;
  static final float EMPHASIS = 13;
  static final float TITLE = 15;

  private static final float MARGIN = 36;
  private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
  private static final float HEADER = 22;
  private static final float FOOTER = 30;
  private static final float BOTTOM = MARGIN + FOOTER;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float BOX_PADDING = 6;
  private static final float LABEL_WIDTH = 150;
  private static final float LEADING = 1.25f;
  private static final Color HEADING_BAR = new Color(0xE8, 0xED, 0xF2);

  /** A line to draw: its text, size and weight, and how far it is indented. */
  record Line(String text, float size, boolean bold, float indent) {
    static Line text(String text) {
      return new Line(text, TEXT, false, 0);
    }

    static Line strong(String text) {
      return new Line(text, TEXT, true, 0);
    }

    static Line emphasis(String text) {
      return new Line(text, EMPHASIS, true, 0);
    }

    float height() {
      return size * LEADING;
    }
  }

  private final PDDocument document;
  private final PrintFonts regular;
  private final PrintFonts bold;
  private final List<PDPage> pages = new ArrayList<>();
  private PDPageContentStream content;
  private float y;

  PaperLayout(PDDocument document) {
    this.document = document;
    this.regular = new PrintFonts(document, false);
    this.bold = new PrintFonts(document, true);
    newPage();
  }

  /** The number of pages so far (the page being written is the last). */
  int pageCount() {
    return pages.size();
  }

  void title(String text) {
    flow(new Line(text, TITLE, true, 0));
    y -= 4;
  }

  /** A heading on a shaded bar, kept with at least two lines of what follows it. */
  void heading(String text) {
    float height = HEADING * LEADING + 4;
    if (y - height - 2 * Line.text("").height() < BOTTOM) {
      newPage();
    }
    y -= 5;
    fill(MARGIN, y - height, WIDTH, height, HEADING_BAR);
    y -= 2;
    flow(new Line(text, HEADING, true, 4));
    y -= 4;
  }

  /** Lines of text, wrapped to the page; blank or null text is left out. */
  void paragraph(Line line) {
    if (line.text() == null || line.text().isBlank()) {
      return;
    }
    wrap(line, WIDTH).forEach(this::flow);
  }

  /** A labelled value, the label in bold in a column of its own, or nothing when the value is blank. */
  void field(String label, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    List<Line> labels = wrap(new Line(label, TEXT, true, 0), LABEL_WIDTH - 8);
    List<Line> values = wrap(new Line(value, TEXT, false, LABEL_WIDTH), WIDTH);
    float height = Line.text("").height();
    for (int row = 0; row < Math.max(labels.size(), values.size()); row++) {
      if (y - height < BOTTOM) {
        newPage();
      }
      y -= height;
      if (row < labels.size()) {
        draw(labels.get(row));
      }
      if (row < values.size()) {
        draw(values.get(row));
      }
    }
  }

  /**
   * Lines inside a bordered box, heavier than anything else on the page: what urgent care must not miss. A box moves
   * whole to the next page when it does not fit; one taller than a page flows on without its border.
   */
  void box(String heading, List<Line> lines, float borderWidth) {
    List<Line> wrapped = new ArrayList<>();
    wrapped.add(new Line(heading, HEADING, true, 0));
    for (Line line : lines) {
      if (line.text() != null && !line.text().isBlank()) {
        wrapped.addAll(wrap(line, WIDTH - 2 * BOX_PADDING));
      }
    }
    float height = 2 * BOX_PADDING + wrapped.stream().map(Line::height).reduce(0f, Float::sum);
    y -= 8;
    if (y - height < BOTTOM && height <= TOP - HEADER - BOTTOM) {
      newPage();
    }
    float top = y;
    int page = pages.size();
    y -= BOX_PADDING;
    for (Line line : wrapped) {
      flow(new Line(line.text(), line.size(), line.bold(), line.indent() + BOX_PADDING));
    }
    y -= BOX_PADDING;
    if (pages.size() == page) {
      stroke(MARGIN, y, WIDTH, top - y, borderWidth);
    }
  }

  /** Starts the next part of the document on a new page. */
  void newPage() {
    close();
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    pages.add(page);
    try {
      content = new PDPageContentStream(document, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    y = TOP - HEADER;
  }

  /** Finishes the document: on every page the identity line at the top, and "page x of y" and the legal status. */
  void finish(String identity, String stamp, String legalStatus) {
    close();
    for (int index = 0; index < pages.size(); index++) {
      try (PDPageContentStream page = new PDPageContentStream(document, pages.get(index), AppendMode.APPEND,
          true)) {
        content = page;
        y = TOP + 2;
        write(new Line(identity, HEADING, true, 0));
        page.setLineWidth(0.8f);
        page.moveTo(MARGIN, TOP - HEADER + 6);
        page.lineTo(MARGIN + WIDTH, TOP - HEADER + 6);
        page.stroke();
        y = MARGIN + FOOTER - 4;
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + WIDTH, y);
        page.stroke();
        y -= 2;
        String pageNumber = "Page " + (index + 1) + " of " + pages.size();
        for (Line line : wrap(new Line(stamp + "   " + pageNumber, 7.5f, false, 0), WIDTH)) {
          write(line);
        }
        for (Line line : wrap(new Line(legalStatus, 7.5f, true, 0), WIDTH)) {
          write(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    content = null;
  }

  /** Writes the line, on the next page when this one is full. */
  private void flow(Line line) {
    if (y - line.height() < BOTTOM && y < TOP - HEADER) {
      newPage();
    }
    write(line);
  }

  private void write(Line line) {
    y -= line.height();
    draw(line);
  }

  /** Draws the line on the current baseline. */
  private void draw(Line line) {
    float x = MARGIN + line.indent();
    try {
      for (PrintFonts.Run run : fonts(line).runs(line.text())) {
        content.beginText();
        content.setFont(run.font(), line.size());
        content.newLineAtOffset(x, y + line.size() * (LEADING - 1));
        content.showText(run.text());
        content.endText();
        x += run.font().getStringWidth(run.text()) / 1000 * line.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A line of the plan could not be drawn", e);
    }
  }

  private List<Line> wrap(Line line, float width) {
    PrintFonts fonts = fonts(line);
    float available = width - line.indent();
    List<Line> lines = new ArrayList<>();
    for (String paragraph : line.text().replace("\r", "").split("\n")) {
      StringBuilder current = new StringBuilder();
      for (String word : paragraph.replace('\t', ' ').split(" +")) {
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (fonts.width(candidate, line.size()) <= available) {
          current.setLength(0);
          current.append(candidate);
          continue;
        }
        if (!current.isEmpty()) {
          lines.add(new Line(current.toString(), line.size(), line.bold(), line.indent()));
          current.setLength(0);
        }
        String rest = word;
        while (fonts.width(rest, line.size()) > available) {
          int fits = fitting(fonts, rest, line.size(), available);
          lines.add(new Line(rest.substring(0, fits), line.size(), line.bold(), line.indent()));
          rest = rest.substring(fits);
        }
        current.append(rest);
      }
      lines.add(new Line(current.toString(), line.size(), line.bold(), line.indent()));
    }
    return lines;
  }

  /** How many characters of a word too long for the line fit on it: at least one code point. */
  private static int fitting(PrintFonts fonts, String word, float size, float available) {
    int end = word.offsetByCodePoints(0, 1);
    while (end < word.length()) {
      int next = word.offsetByCodePoints(end, 1);
      if (fonts.width(word.substring(0, next), size) > available) {
        break;
      }
      end = next;
    }
    return end;
  }

  private PrintFonts fonts(Line line) {
    return line.bold() ? bold : regular;
  }

  private void fill(float x, float bottom, float width, float height, Color color) {
    try {
      content.setNonStrokingColor(color);
      content.addRect(x, bottom, width, height);
      content.fill();
      content.setNonStrokingColor(Color.BLACK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stroke(float x, float bottom, float width, float height, float lineWidth) {
    try {
      content.setLineWidth(lineWidth);
      content.addRect(x, bottom, width, height);
      content.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void close() {
    if (content != null) {
      try {
        content.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      content = null;
    }
  }
}
