package org.openucp.clinical.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hazard log (safety/hazard-log.md) stays true to the code: every test a hazard names as a control exists, every
 * rating follows from its likelihood and consequence on the 5×5 matrix, and no hazard is without a control.
 */
class HazardLogTest {

  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  private static final Path LOG = PROJECT.resolve("safety/hazard-log.md");
  private static final List<String> LIKELIHOODS = List.of("Very Low", "Low", "Medium", "High", "Very High");
  private static final List<String> CONSEQUENCES = List.of("Minor", "Significant", "Considerable", "Major",
      "Catastrophic");
  /** NHS England's matrix: rows by likelihood (very low first), columns by consequence (minor first). */
  private static final int[][] MATRIX = {
      {1, 1, 2, 2, 3},
      {1, 2, 2, 3, 4},
      {2, 2, 3, 3, 4},
      {2, 3, 3, 4, 5},
      {3, 4, 4, 5, 5}};
  private static final Pattern RISK = Pattern.compile("\\*\\*(Initial|Residual)\\*\\*: ([A-Za-z ]+?) × ([A-Za-z]+) "
      + "= (\\d)");
  private static final Pattern TEST = Pattern.compile("`(\\w+)#(\\w+)`");

  @Test
  void shouldNameOnlyTestsThatExist() throws IOException {
    List<String> missing = new ArrayList<>();
    Matcher test = TEST.matcher(Files.readString(LOG));
    int named = 0;
    while (test.find()) {
      named++;
      if (!exists(test.group(1), test.group(2))) {
        missing.add(test.group(1) + "#" + test.group(2));
      }
    }
    assertThat(named).isGreaterThan(20);
    assertThat(missing).as("tests named in safety/hazard-log.md that do not exist").isEmpty();
  }

  @Test
  void shouldRateEachRiskAsTheMatrixDoes() throws IOException {
    Matcher risk = RISK.matcher(Files.readString(LOG));
    List<String> wrong = new ArrayList<>();
    int rated = 0;
    while (risk.find()) {
      rated++;
      int likelihood = LIKELIHOODS.indexOf(risk.group(2));
      int consequence = CONSEQUENCES.indexOf(risk.group(3));
      if (likelihood < 0 || consequence < 0
          || MATRIX[likelihood][consequence] != Integer.parseInt(risk.group(4))) {
        wrong.add(risk.group());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(rated).isEqualTo(2 * hazards().size());
  }

  @Test
  void shouldControlEveryHazardWithAtLeastOneTestOrSayThatItsCapabilityIsNotBuilt() throws IOException {
    for (Map.Entry<String, String> hazard : hazards().entrySet()) {
      String text = hazard.getValue();
      assertThat(TEST.matcher(text).find() || text.contains("**Tests**: none yet"))
          .as(hazard.getKey() + " names no test").isTrue();
      assertThat(text).as(hazard.getKey()).contains("**Initial**", "**Residual**", "**Status**", "controls**");
    }
  }

  private static Map<String, String> hazards() throws IOException {
    Map<String, String> hazards = new java.util.LinkedHashMap<>();
    String[] sections = Files.readString(LOG).split("\n## ");
    for (int i = 1; i < sections.length; i++) {
      hazards.put(sections[i].substring(0, sections[i].indexOf('\n')), sections[i]);
    }
    assertThat(hazards).hasSizeGreaterThanOrEqualTo(5);
    return hazards;
  }

  /** Whether a test class of that name, in any module, declares a method of that name. */
  private static boolean exists(String testClass, String method) throws IOException {
    try (Stream<Path> files = Files.walk(PROJECT, 12)) {
      return files.filter(file -> file.getFileName().toString().equals(testClass + ".java"))
          .filter(file -> file.toString().contains("/src/test/java/"))
          .anyMatch(file -> {
            try {
              return Pattern.compile("void " + method + "\\(").matcher(Files.readString(file)).find();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
  }
}
