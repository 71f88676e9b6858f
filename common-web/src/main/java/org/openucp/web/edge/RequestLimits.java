package org.openucp.web.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openucp.web.problem.Problem;

/**
 * Refuses, before any byte of the body is read, a request whose declared length is over
 * {@code quarkus.http.limits.max-body-size} (413) or whose Content-Type cannot be parsed (415), each with a problem
 * that says so. Without this the first is a bare 413 and the second fails deep inside JAX-RS method selection.
 */
@ApplicationScoped
public class RequestLimits {

  /** Runs before the HTTP layer's own body-size check, which would answer without a problem body. */
  private static final int PRIORITY = 10_000;

  private final long maxBodyBytes;
  private final ObjectMapper mapper;

  public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") String maxBodySize,
      ObjectMapper mapper) {
    this.maxBodyBytes = new MemorySizeConverter().convert(maxBodySize).asLongValue();
    this.mapper = mapper;
  }

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && tooLong(length)) {
      refuse(context, Problem.of("body-too-large", "Request body too large", 413, "The body is " + length
          + " bytes; at most " + maxBodyBytes + " are accepted"));
      return;
    }
    String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && !parses(type)) {
      refuse(context, Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
          "The Content-Type '" + type + "' is not a media type; JSON operations take application/json"));
      return;
    }
    context.next();
  }

  private boolean tooLong(String length) {
    try {
      return Long.parseLong(length.strip()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean parses(String type) {
    try {
      MediaType.valueOf(type);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void refuse(RoutingContext context, Problem problem) {
    String body;
    try {
      body = mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context.response().setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        // The unread body would otherwise be taken for the next request on this connection.
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }
}
