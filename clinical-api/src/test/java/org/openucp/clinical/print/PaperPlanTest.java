package org.openucp.clinical.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.support.Plans;
import org.openucp.clinical.urgentcare.CrisisSection;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.model.plan.PlanContent;

/** The printed plan read back as a person reads paper: names in every script, page one whole, the boxes first. */
class PaperPlanTest {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final String NHS_NUMBER = "9434765919";
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  /** Names as patients in England write them, in scripts whose text PDF readers give back exactly as written. */
  private static final Map<String, String> NAMES_READ_BACK = Map.ofEntries(
      Map.entry("Latin, extended", "Łucja Ğül Nguyễn"),
      Map.entry("Greek", "Αικατερίνη Παπαδοπούλου"),
      Map.entry("Cyrillic", "Людмила Иванова"),
      Map.entry("Hebrew", "שרה כהן"),
      Map.entry("Arabic", "فاطمة الزهراء"),
      Map.entry("Chinese", "王 秀英"),
      Map.entry("Thai", "สมชาย ใจดี"),
      Map.entry("Ethiopic", "አበበ በቀለ"),
      Map.entry("Gurmukhi", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ"),
      Map.entry("Tamil", "முருகன் செல்வம்"));

  /**
   * Scripts whose conjuncts and vowel signs PDFBox shapes for print: drawn right, but read back by PDF readers in
   * the order drawn, not as typed (see README, "Printed plans").
   */
  private static final Map<String, String> NAMES_SHAPED = Map.of(
      "NotoSansDevanagari", "सुनील शर्मा",
      "NotoSansBengali", "রহিম উদ্দিন",
      "NotoSansGujarati", "પ્રિયા પટેલ");

  @Test
  void shouldPrintNamesInTenScriptsSoThatTheyReadBackAsWritten() throws IOException {
    for (Map.Entry<String, String> name : NAMES_READ_BACK.entrySet()) {
      byte[] pdf = render(named(name.getValue()));

      assertThat(nameLine(pdf)).as(name.getKey()).isEqualTo("Name " + name.getValue());
    }
  }

  @Test
  void shouldDrawShapedScriptsInTheirOwnFontsWithNothingMissing() throws IOException {
    for (Map.Entry<String, String> name : NAMES_SHAPED.entrySet()) {
      byte[] pdf = render(named(name.getValue()));

      assertThat(fontsOnPageOne(pdf)).as(name.getValue()).anyMatch(font -> font.endsWith(name.getKey() + "-Regular"));
      assertThat(nameLine(pdf)).doesNotContain("?");
    }
  }

  @Test
  void shouldFitTheCrisisPartOfATypicalPlanOnPageOneWithTheCprBoxFirst() throws IOException {
    byte[] pdf = render(aPlan().withDnacpr());

    String pageOne = text(pdf, 1);
    for (CrisisSection section : CrisisSection.values()) {
      assertThat(pageOne).contains(section.heading());
    }
    assertThat(pageOne.replaceAll("\\s+", " ")).contains(CrisisView.LEGAL_STATUS).doesNotContain("The rest of the plan");
    assertThat(text(pdf, 2)).contains("The rest of the plan", "Metastatic lung cancer");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage page = new PDFRenderer(document).renderImage(0, 2);
      // The CPR box's left border, 2.5 points wide, left of where any text starts: a tall unbroken dark line.
      assertThat(longestDarkRun(page, 70)).isGreaterThan(100);
    }
  }

  @Test
  void shouldPutThePatientsIdentityAndPageXOfYOnEveryPage() throws IOException {
    byte[] pdf = render(named("Łucja Nguyễn").with("whatMattersToMe", "Family and garden. ".repeat(300)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      int pages = document.getNumberOfPages();
      assertThat(pages).isGreaterThan(2);
      for (int page = 1; page <= pages; page++) {
        assertThat(text(pdf, page)).contains("Łucja Nguyễn", "Born 12 Mar 1948", "NHS number 943 476 5919",
            "Page " + page + " of " + pages, "Demo Medical Practice (A83008)", "not legally binding");
      }
    }
  }

  /**
   * The sample in the README: {@code ./mvnw -pl clinical-api -am test -Dtest=PaperPlanTest
   * -Dsurefire.failIfNoSpecifiedTests=false -Dopenucp.sample-pdf=$PWD/docs/sample-urgent-care-plan.pdf} writes it,
   * with its page one as a PNG beside it.
   */
  @Test
  void shouldPrintTheSamplePlanOnTwoPages() throws IOException {
    byte[] pdf = render(aPlan()
        .withPerson("givenName", "Łucja").withPerson("familyName", "Nguyễn").withPerson("preferredName", "Lucy")
        .with("cpr", Map.of("decision", "CPR_NOT_RECOMMENDED", "decidedOn", "2026-11-01",
            "decisionMaker", "Dr Amir Khan", "decisionMakerRole", "Consultant in palliative medicine",
            "discussedWithPatient", true, "discussedWithCarer", true,
            "whereDocumented", "Original ReSPECT form in the red folder on the fridge", "reviewDate", "2027-05-01"))
        .with("otherTreatmentRecommendations", "Treat chest infections at home with oral antibiotics. Oxygen for "
            + "comfort. Avoid admission unless symptoms cannot be controlled at home.")
        .with("mainCarer", Map.of("name", "Mary Nguyen", "relationship", "Daughter", "telephone", "020 7946 0000",
            "lpa", "WITH_LIFE_SUSTAINING_TREATMENT"))
        .with("keySupporters", List.of(Map.of("name", "Tomasz Nowak", "relationship", "Neighbour",
            "telephone", "020 7946 0111", "lpa", "NONE")))
        .with("keyWorker", Map.of("name", "Sam Patel", "role", "District nurse", "telephone", "020 7946 0222"))
        .with("adrt", Map.of("exists", true, "decision", "Refuses mechanical ventilation, even if her life is at risk",
            "madeOn", "2026-10-15", "documentLocation", "With the ReSPECT form"))
        .with("whatMattersToMe", "Being at home with my cat, and my family around me. Music from my childhood."));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String out = System.getProperty("openucp.sample-pdf");
      if (out != null) {
        java.nio.file.Files.write(java.nio.file.Path.of(out), pdf);
        javax.imageio.ImageIO.write(new PDFRenderer(document).renderImage(0, 1.5f), "png",
            new java.io.File(out.replaceFirst("\\.pdf$", "-page-1.png")));
      }
      assertThat(document.getNumberOfPages()).isEqualTo(2);
    }
  }

  private static Plans named(String name) {
    int space = Math.max(name.lastIndexOf(' '), 0);
    return aPlan().withPerson("givenName", name.substring(0, space).strip())
        .withPerson("familyName", name.substring(space).strip());
  }

  private static String nameLine(byte[] pdf) throws IOException {
    String line = text(pdf, 1).lines().filter(candidate -> candidate.startsWith("Name ")).findFirst().orElse("");
    // Arabic is drawn in its contextual forms, which a reader gives back as such: compare the letters.
    return Normalizer.normalize(line, Normalizer.Form.NFKC);
  }

  private static Set<String> fontsOnPageOne(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDResources resources = document.getPage(0).getResources();
      Set<String> names = new HashSet<>();
      for (COSName font : resources.getFontNames()) {
        names.add(resources.getFont(font).getName());
      }
      return names;
    }
  }

  private static int longestDarkRun(BufferedImage image, int x) {
    int longest = 0;
    int run = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      int rgb = image.getRGB(x, y);
      boolean dark = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 96;
      run = dark ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static String text(byte[] pdf, int page) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      return stripper.getText(document);
    }
  }

  private static byte[] render(Plans plan) {
    PlanVersion version = new PlanVersion();
    version.planId = UUID.randomUUID();
    version.version = 1;
    version.publishedAt = Instant.parse("2026-11-20T10:15:00Z");
    version.publishedByName = "Dr Jane Doe";
    version.roleName = "General Medical Practitioner";
    version.roleCode = "R8000";
    version.organisation = "A83008";
    version.organisationName = "Demo Medical Practice";
    return PlanPdf.render(NHS_NUMBER, version, JSON.convertValue(plan.content(), PlanContent.class), List.of(),
        TODAY);
  }
}
