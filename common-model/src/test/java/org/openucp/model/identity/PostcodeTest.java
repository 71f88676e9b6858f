package org.openucp.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeTest {

  @ParameterizedTest
  @CsvSource({
      "SW3 6JJ, SW3 6JJ",
      "sw36jj, SW3 6JJ",
      "' sw3   6jj ', SW3 6JJ",
      "EC1A1BB, EC1A 1BB",
      "M1 1AE, M1 1AE",
      "B338TH, B33 8TH",
      "W1A 0AX, W1A 0AX",
      "gir 0aa, GIR 0AA"})
  void shouldNormaliseCaseAndSpacing(String input, String canonical) {
    Postcode postcode = Postcode.of(input);

    assertThat(postcode.value()).isEqualTo(canonical);
    assertThat(postcode.compact()).isEqualTo(canonical.replace(" ", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "SW3", "12345", "SW3 6J", "SWW3 6JJ", "SW3 6JJJ", "QQ 1AA"})
  void shouldRejectWhatIsNotAPostcode(String input) {
    assertThatThrownBy(() -> Postcode.of(input)).isInstanceOf(InvalidIdentifierException.class);
  }
}
