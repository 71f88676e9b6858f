package org.openucp.clinical.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.model.plan.PlanContent;

/**
 * The printable plan: what urgent care needs first (CPR decision, ceiling of treatment) on page one, then the rest
 * under clear headings, with the version and publication stamp on every page.
 */
public final class PlanPdf {

  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final DateTimeFormatter STAMP_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
      .withZone(ZoneId.of("Europe/London"));

  private PlanPdf() {
  }

  public static byte[] render(String nhsNumber, PlanVersion version, PlanContent plan) {
    List<Line> lines = new ArrayList<>();
    PlanContent.Person person = plan.person();
    lines.add(Line.title("Urgent care plan"));
    lines.add(Line.text(join(" ", person == null ? null : person.givenName(), person == null ? null
        : person.familyName()) + "   NHS number " + nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " "
        + nhsNumber.substring(6) + (person == null || person.dateOfBirth() == null ? ""
        : "   Born " + person.dateOfBirth())));
    lines.add(Line.heading("CPR decision"));
    lines.add(Line.text(plan.cpr() == null || plan.cpr().decision() == null ? "Not recorded"
        : plan.cpr().decision().display() + " (SNOMED " + plan.cpr().decision().snomedCode() + ")"
            + (plan.cpr().decidedOn() == null ? "" : ", decided " + plan.cpr().decidedOn())
            + (plan.cpr().decisionMaker() == null ? "" : " by " + plan.cpr().decisionMaker())));
    lines.add(Line.heading("Ceiling of treatment"));
    lines.add(Line.text(plan.ceilingOfTreatment() == null ? "Not recorded" : readable(plan.ceilingOfTreatment())));
    section(lines, "Other treatment recommendations", plan.otherTreatmentRecommendations());
    if (plan.preferences() != null) {
      section(lines, "Preferences", join("; ",
          label("Place of care", plan.preferences().preferredPlaceOfCare()),
          label("Place of death (1st)", plan.preferences().preferredPlaceOfDeath()),
          label("Place of death (2nd)", plan.preferences().secondPreferredPlaceOfDeath())));
    }
    if (plan.allergies() != null && !plan.allergies().isEmpty()) {
      section(lines, "Allergies", join("; ", plan.allergies().stream()
          .map(allergy -> join(": ", allergy.substance(), allergy.reaction())).toArray(String[]::new)));
    }
    if (plan.medications() != null && !plan.medications().isEmpty()) {
      section(lines, "Medicines", join("; ", plan.medications().stream()
          .map(medicine -> join(" ", medicine.name(), medicine.dose())).toArray(String[]::new)));
    }
    if (plan.anticipatoryMedicines() != null) {
      section(lines, "Anticipatory medicines", join("; ", plan.anticipatoryMedicines().details(),
          label("Kept", plan.anticipatoryMedicines().whereKept())));
    }
    if (plan.diagnoses() != null) {
      section(lines, "Diagnoses", join("; ", plan.diagnoses().primaryEndOfLifeDiagnosis(),
          plan.diagnoses().otherDiagnoses() == null ? null : String.join(", ", plan.diagnoses().otherDiagnoses())));
    }
    section(lines, "What matters to me", plan.whatMattersToMe());
    if (plan.adrt() != null && Boolean.TRUE.equals(plan.adrt().exists())) {
      section(lines, "Advance decision to refuse treatment", join("; ", plan.adrt().decision(),
          label("Document", plan.adrt().documentLocation())));
    }
    if (plan.gp() != null) {
      section(lines, "GP", join(", ", plan.gp().name(), plan.gp().practiceName(), plan.gp().telephone()));
    }
    if (plan.keySupporters() != null && !plan.keySupporters().isEmpty()) {
      section(lines, "Key supporters", join("; ", plan.keySupporters().stream()
          .map(s -> join(", ", s.name(), s.relationship(), s.telephone())).toArray(String[]::new)));
    }
    section(lines, "Planned review", plan.plannedReviewDate() == null ? null : plan.plannedReviewDate().toString());
    String stamp = "Version " + version.version + " published " + STAMP_TIME.format(version.publishedAt) + " by "
        + join(", ", version.publishedByName, version.roleName, version.organisation);
    return write(lines, stamp);
  }

  private static byte[] write(List<Line> lines, String stamp) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      List<List<Line>> pages = paginate(wrap(lines, regular, bold));
      for (int index = 0; index < pages.size(); index++) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          float y = PDRectangle.A4.getHeight() - MARGIN;
          show(content, bold, 8, MARGIN, y, stamp + "   Page " + (index + 1) + " of " + pages.size());
          y -= 24;
          for (Line line : pages.get(index)) {
            y -= line.size() + 4;
            show(content, line.bold() ? bold : regular, line.size(), MARGIN, y, line.text());
          }
          show(content, regular, 8, MARGIN, MARGIN / 2, "Not legally binding; an ADRT is, when valid and "
              + "applicable. " + stamp);
        }
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("The plan could not be rendered as PDF", e);
    }
  }

  private static List<List<Line>> paginate(List<Line> lines) {
    float usable = PDRectangle.A4.getHeight() - 2 * MARGIN - 40;
    List<List<Line>> pages = new ArrayList<>();
    List<Line> page = new ArrayList<>();
    float used = 0;
    for (Line line : lines) {
      if (used + line.size() + 4 > usable) {
        pages.add(page);
        page = new ArrayList<>();
        used = 0;
      }
      page.add(line);
      used += line.size() + 4;
    }
    pages.add(page);
    return pages;
  }

  private static List<Line> wrap(List<Line> lines, PDType1Font regular, PDType1Font bold) throws IOException {
    List<Line> wrapped = new ArrayList<>();
    for (Line line : lines) {
      PDType1Font font = line.bold() ? bold : regular;
      StringBuilder current = new StringBuilder();
      for (String word : printable(line.text()).split(" ")) {
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (font.getStringWidth(candidate) / 1000 * line.size() > WIDTH && !current.isEmpty()) {
          wrapped.add(new Line(current.toString(), line.size(), line.bold()));
          current = new StringBuilder(word);
        } else {
          current = new StringBuilder(candidate);
        }
      }
      wrapped.add(new Line(current.toString(), line.size(), line.bold()));
    }
    return wrapped;
  }

  private static void show(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(printable(text));
    content.endText();
  }

  /** The standard fonts cover Latin-1; anything else is shown as '?' rather than failing the whole document. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.replace('\n', ' ').replace('\t', ' ').codePoints()
        .forEach(c -> out.appendCodePoint(c >= 32 && c <= 255 && c != 127 ? c : '?'));
    return out.toString();
  }

  private static void section(List<Line> lines, String heading, String text) {
    if (text != null && !text.isBlank()) {
      lines.add(Line.heading(heading));
      lines.add(Line.text(text));
    }
  }

  private static String label(String label, Object value) {
    return value == null ? null : label + ": " + (value instanceof Enum<?> e ? readable(e) : value);
  }

  private static String readable(Enum<?> value) {
    String words = value.name().toLowerCase().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, Stream.of(parts).filter(Objects::nonNull).filter(p -> !p.isBlank()).toList());
  }

  private record Line(String text, float size, boolean bold) {
    static Line title(String text) {
      return new Line(text, 18, true);
    }

    static Line heading(String text) {
      return new Line(text, 12, true);
    }

    static Line text(String text) {
      return new Line(text, 10, false);
    }
  }
}
