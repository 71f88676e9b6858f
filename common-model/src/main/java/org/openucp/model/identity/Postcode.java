package org.openucp.model.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A UK postcode in canonical form: upper case, one space before the inward code ({@code SW3 6JJ}). Input is
 * tolerant of case and of a missing or doubled space, because that is how people type them.
 */
@Schema(type = SchemaType.STRING, example = "SW3 6JJ")
public record Postcode(String value) {

  private static final Pattern COMPACT = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA");

  /** Accepts any case and spacing, and keeps the canonical form. */
  public Postcode {
    String compact = value == null ? "" : value.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    if (!COMPACT.matcher(compact).matches()) {
      throw new InvalidIdentifierException("Not a UK postcode (e.g. SW3 6JJ)");
    }
    value = compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
  }

  @JsonCreator
  public static Postcode of(String input) {
    if (input == null) {
      throw new InvalidIdentifierException("A postcode is required");
    }
    return new Postcode(input);
  }

  public static Postcode valueOf(String input) {
    return of(input);
  }

  /** Without the space, for matching however it was typed. */
  public String compact() {
    return value.replace(" ", "");
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
}
