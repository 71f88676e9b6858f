package org.openucp.web.problem;

import java.util.Map;

/**
 * A domain outcome that ends a request with a problem response. Services throw these; the edge maps them once.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  /** Response headers that belong with the problem, such as a step-up challenge in WWW-Authenticate. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The caller signed in, but not strongly enough for this operation (RFC 9470): they must sign in again with one
   * of the given {@code acr} values, e.g. with their smartcard.
   */
  public static ProblemException stepUp(String detail, String acrValues) {
    return new ProblemException(Problem.of("insufficient-authentication", "Stronger sign-in required", 401, detail),
        Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", acr_values=\""
            + acrValues + "\""));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.of("not-found", "Not found", 404, what + " was not found"));
  }

  public static ProblemException conflict(String slug, String title, String detail) {
    return new ProblemException(Problem.of(slug, title, 409, detail));
  }

  public static ProblemException forbidden(String slug, String detail) {
    return new ProblemException(Problem.of(slug, "Not allowed", 403, detail));
  }

  public static ProblemException badRequest(String slug, String detail) {
    return new ProblemException(Problem.of(slug, "Bad request", 400, detail));
  }
}
