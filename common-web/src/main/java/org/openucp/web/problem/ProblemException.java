package org.openucp.web.problem;

/**
 * A domain outcome that ends a request with a problem response. Services throw these; the edge maps them once.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
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
