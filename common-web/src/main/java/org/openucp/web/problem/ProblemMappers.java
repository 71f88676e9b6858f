package org.openucp.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.openucp.model.identity.InvalidIdentifierException;
import org.openucp.web.json.PlainText;

/** The one place where exceptions become RFC 9457 problem responses, for both services. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response domainProblem(ProblemException e) {
    Response.ResponseBuilder response = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE)
        .entity(e.problem());
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response invalidInput(ConstraintViolationException e) {
    List<Problem.FieldError> errors = e.getConstraintViolations().stream()
        .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
        .sorted(Comparator.comparing(Problem.FieldError::field))
        .toList();
    String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
    return respond(Problem.of("invalid-input", "The request has invalid fields", 400, "Check these fields: " + fields)
        .withErrors(errors));
  }

  /** Two writers read the same version and both wrote: the second to commit loses, and is told so. */
  @ServerExceptionMapper({StaleStateException.class, OptimisticLockException.class})
  public Response concurrentEdit(RuntimeException e) {
    return respond(Problem.of("stale-version", "Changed since you read it", 412,
        "Someone saved a newer version while you were editing. Reload and re-apply your edit."));
  }

  @ServerExceptionMapper
  public Response invalidIdentifier(InvalidIdentifierException e) {
    return respond(Problem.of("invalid-identifier", "Invalid identifier", 400, e.getMessage()));
  }

  @ServerExceptionMapper
  public Response unreadableField(JsonMappingException e) {
    String field = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    String reason = rootCause(e) instanceof InvalidIdentifierException invalid ? invalid.getMessage()
        : e instanceof PlainText.ControlCharacterException ? PlainText.ControlCharacterException.MESSAGE
        : "the value cannot be read as the expected type";
    Problem problem = Problem.of("invalid-input", "The request has invalid fields", 400,
        field.isEmpty() ? "The request body does not have the expected shape" : field + ": " + reason);
    return respond(field.isEmpty() ? problem : problem.withErrors(List.of(new Problem.FieldError(field, reason))));
  }

  /** Replaces the JSON extension's own mapper for values of the wrong type, such as an unknown coded value. */
  @ServerExceptionMapper
  public Response mismatchedValue(MismatchedInputException e) {
    return unreadableField(e);
  }

  @ServerExceptionMapper
  public Response unreadableBody(JsonProcessingException e) {
    return respond(Problem.of("malformed-body", "The request body is not valid JSON", 400,
        "JSON syntax error at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
  }

  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e) {
    return unauthenticated();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthenticated();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return respond(Problem.of("forbidden", "Not allowed", 403,
        e.getMessage() != null ? e.getMessage() : "Your role does not allow this operation"));
  }

  @ServerExceptionMapper
  public Response httpError(WebApplicationException e, ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
    // The JSON body reader reports unreadable input as a 400 whose cause says what was wrong.
    if (e.getCause() instanceof JsonMappingException mapping) {
      return unreadableField(mapping);
    }
    if (e.getCause() instanceof JsonProcessingException syntax) {
      return unreadableBody(syntax);
    }
    // A path or query parameter that is not a valid identifier: JAX-RS says 404, the caller needs to know why.
    if (rootCause(e) instanceof InvalidIdentifierException invalid) {
      return invalidIdentifier(invalid);
    }
    // Any other value JAX-RS could not convert (?page=abc): a 404 or a bare 400 would not say which one.
    List<Problem.FieldError> unreadable = e.getCause() != null && resource != null
        && resource.getResourceMethod() != null && (e instanceof NotFoundException || e instanceof BadRequestException)
        ? Parameters.unreadable(resource.getResourceMethod(), uri, headers) : List.of();
    if (!unreadable.isEmpty()) {
      String names = unreadable.stream().map(Problem.FieldError::field).collect(Collectors.joining(", "));
      return respond(Problem.of("invalid-input", "The request has invalid parameters", 400,
          "Check these parameters: " + names).withErrors(unreadable));
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
    return respond(Problem.of(slug, status.getReasonPhrase(), status.getStatusCode(), describe(status.getStatusCode())));
  }

  /**
   * Anything else is unexpected, except a database that cannot be reached: every operation answers that with the
   * same 503 problem and {@code Retry-After}, never a 500, and never a 404 as if there were nothing to find.
   */
  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    if (DatabaseUnavailable.causedBy(e)) {
      DatabaseUnavailable.log(e);
      return domainProblem(DatabaseUnavailable.problem());
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected error, incident %s", incident);
    return respond(Problem.of("internal-error", "Something went wrong on our side", 500,
        "Nothing was changed. Quote incident " + incident + " if you contact support."));
  }

  private static Response unauthenticated() {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of("unauthenticated", "Sign in required", 401,
            "A valid bearer token from a trusted issuer is required"))
        .build();
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String describe(int status) {
    return switch (status) {
      case 404 -> "No resource at this address";
      case 405 -> "This address does not support that method";
      case 406 -> "This resource cannot be returned in the requested media type";
      case 415 -> "Send the body in a media type this operation accepts (JSON operations take application/json;"
          + " the OpenAPI document lists each operation's types)";
      default -> "The request could not be processed";
    };
  }

  /** The field path as the caller sent it: {@code keySupporter.phone}, without the method and parameter names. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
    String path = nodes.stream()
        .filter(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT)
        .map(Path.Node::getName)
        .filter(name -> name != null && !name.startsWith("<"))
        .collect(Collectors.joining("."));
    if (!path.isEmpty()) {
      return path;
    }
    if (nodes.isEmpty()) {
      return "body";
    }
    Path.Node last = nodes.get(nodes.size() - 1);
    return last.getKind() == ElementKind.PARAMETER && nodes.get(0).getKind() == ElementKind.METHOD
        ? Parameters.httpName(violation.getRootBeanClass(), nodes.get(0).as(Path.MethodNode.class),
            last.as(Path.ParameterNode.class))
        : last.getName();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
