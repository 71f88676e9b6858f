package org.openucp.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem: what went wrong, said so that the caller can fix it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    @Schema(description = "One entry per invalid field, when the input failed validation") List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://openucp.org/problems/";

  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, List.of());
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, List.copyOf(fieldErrors));
  }

  /** One invalid input field: its path as the caller sent it, and what is wrong with it. */
  public record FieldError(String field, String message) {
  }
}
