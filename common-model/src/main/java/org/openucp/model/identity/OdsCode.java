package org.openucp.model.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An Organisation Data Service code (e.g. {@code A83008} for a GP practice, {@code RRK} for a trust). */
@Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9]{3,10}$", example = "A83008")
public record OdsCode(String value) {

  public OdsCode {
    value = value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    if (value == null || !value.matches("[A-Z0-9]{3,10}")) {
      throw new InvalidIdentifierException("An ODS code has 3 to 10 letters and digits");
    }
  }

  @JsonCreator
  public static OdsCode of(String input) {
    if (input == null) {
      throw new InvalidIdentifierException("An ODS code is required");
    }
    return new OdsCode(input);
  }

  public static OdsCode valueOf(String input) {
    return of(input);
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
