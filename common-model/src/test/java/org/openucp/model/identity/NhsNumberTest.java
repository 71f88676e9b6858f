package org.openucp.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"9434765919", "943 476 5919", " 9434765919 ", "4010232137", "9876543210"})
  void shouldAcceptWellFormedNumbersWithOrWithoutSpaces(String input) {
    assertThat(NhsNumber.isValid(input)).isTrue();
  }

  @Test
  void shouldHoldTheCanonicalTenDigitForm() {
    NhsNumber number = NhsNumber.of("943 476 5919");

    assertThat(number.value()).isEqualTo("9434765919");
    assertThat(number).isEqualTo(NhsNumber.of("9434765919"));
    assertThat(number.formatted()).isEqualTo("943 476 5919");
  }

  @Test
  void shouldNormaliseWhenBuiltDirectlyAsFrameworksDo() {
    assertThat(new NhsNumber(" 943 476 5919").value()).isEqualTo("9434765919");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9434765918", "943476591", "94347659190", "943476591X", "", "94-347-65919"})
  void shouldRejectMalformedNumbersAndWrongCheckDigits(String input) {
    assertThat(NhsNumber.isValid(input)).isFalse();
  }

  @Test
  void shouldRejectNumbersWhoseCheckDigitWouldBeTen() {
    // 1000000010: weighted sum 10 + 2 = 12 -> 11 - 1 = 10, which no digit can carry.
    assertThatThrownBy(() -> NhsNumber.of("1000000010")).isInstanceOf(InvalidIdentifierException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000000000", "1111111111", "9999999999"})
  void shouldRejectTenRepeatedDigitsEvenThoughTheArithmeticPasses(String input) {
    assertThatThrownBy(() -> NhsNumber.of(input))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("repeated");
  }

  @Test
  void shouldCompleteNineDigitsWithTheirCheckDigit() {
    assertThat(NhsNumber.completing("943476591")).contains(NhsNumber.of("9434765919"));
    assertThat(NhsNumber.completing("100000001")).as("check digit would be 10").isEmpty();
    assertThat(NhsNumber.completing("111111111")).as("ten repeated digits").isEmpty();
  }

  @Test
  void shouldRejectNull() {
    assertThatThrownBy(() -> NhsNumber.of(null)).isInstanceOf(InvalidIdentifierException.class);
  }
}
