package org.openucp.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OdsCodeTest {

  @Test
  void shouldNormaliseToUpperCase() {
    assertThat(OdsCode.of(" a83008 ").value()).isEqualTo("A83008");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RRK", "A83008", "RRK02", "8HK12ABCDE"})
  void shouldAcceptPracticeTrustAndSiteCodes(String input) {
    assertThat(OdsCode.of(input).value()).isEqualTo(input);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AB", "A83-08", "ABCDEFGHIJK", "A8 3008"})
  void shouldRejectMalformedCodes(String input) {
    assertThatThrownBy(() -> OdsCode.of(input)).isInstanceOf(InvalidIdentifierException.class);
  }
}
