package org.openucp.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Refuses control characters (NUL, escape, ...) in every string of every JSON request body of both services, so
 * that none reaches the database (PostgreSQL refuses NUL in text) or a printed plan. Tab and line breaks stay
 * allowed: free text has paragraphs.
 */
@Singleton
public class PlainText implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new Deserializer()));
  }

  /** Whether the text holds a control character other than tab, carriage return and line feed. */
  public static boolean hasControlCharacter(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
        return true;
      }
    }
    return false;
  }

  /** A string held a control character; the problem mappers name the field from its path. */
  public static class ControlCharacterException extends MismatchedInputException {

    public static final String MESSAGE = "must not contain control characters such as NUL (tab and line breaks are"
        + " allowed)";

    ControlCharacterException(JsonParser parser) {
      super(parser, MESSAGE, String.class);
    }
  }

  private static final class Deserializer extends StdScalarDeserializer<String> {

    Deserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = StringDeserializer.instance.deserialize(parser, context);
      if (text != null && hasControlCharacter(text)) {
        throw new ControlCharacterException(parser);
      }
      return text;
    }
  }
}
