package org.openucp.model.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A well-formed NHS number: ten digits with a valid Modulus 11 check digit, held in canonical form (no spaces).
 * A valid check digit shows only that the number is well formed, not that it was issued.
 */
@Schema(type = SchemaType.STRING, pattern = "^\\d{3} ?\\d{3} ?\\d{4}$", example = "9434765919",
    description = "NHS number: ten digits, spaces allowed between the 3-3-4 groups")
public record NhsNumber(String value) {

  private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
  private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");

  /** Accepts the number as people type it (spaces between the groups) and keeps the canonical ten digits. */
  public NhsNumber {
    value = value == null ? null : value.strip().replace(" ", "");
    if (value == null || !TEN_DIGITS.matcher(value).matches()) {
      throw new InvalidIdentifierException("An NHS number has exactly ten digits");
    }
    if (repeatsOneDigit(value)) {
      throw new InvalidIdentifierException("An NHS number of ten repeated digits is never issued");
    }
    if (checkDigit(value) != value.charAt(9) - '0') {
      throw new InvalidIdentifierException("The NHS number's check digit does not match (Modulus 11)");
    }
  }

  /** Parses a number as people type it: spaces between the groups are allowed. */
  @JsonCreator
  public static NhsNumber of(String input) {
    if (input == null) {
      throw new InvalidIdentifierException("An NHS number is required");
    }
    return new NhsNumber(input);
  }

  /** JAX-RS uses this to convert path and query parameters. */
  public static NhsNumber valueOf(String input) {
    return of(input);
  }

  /** Completes nine digits with their check digit; empty when no check digit can make them valid. */
  public static Optional<NhsNumber> completing(String nineDigits) {
    if (nineDigits == null || !NINE_DIGITS.matcher(nineDigits).matches()) {
      throw new InvalidIdentifierException("Nine digits are needed to complete an NHS number");
    }
    int check = checkDigit(nineDigits + "0");
    if (check == 10 || repeatsOneDigit(nineDigits) && nineDigits.charAt(0) - '0' == check) {
      return Optional.empty();
    }
    return Optional.of(new NhsNumber(nineDigits + check));
  }

  public static boolean isValid(String input) {
    try {
      of(input);
      return true;
    } catch (InvalidIdentifierException e) {
      return false;
    }
  }

  private static boolean repeatsOneDigit(String digits) {
    for (int i = 1; i < digits.length(); i++) {
      if (digits.charAt(i) != digits.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** The 3-3-4 form people read aloud, e.g. {@code 943 476 5919}. */
  public String formatted() {
    return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  /** Returns the expected check digit, or 10 when no check digit can make the first nine digits valid. */
  private static int checkDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (10 - i) * (digits.charAt(i) - '0');
    }
    int check = 11 - (sum % 11);
    return check == 11 ? 0 : check;
  }
}
