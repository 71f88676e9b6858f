package org.openucp.web.edge;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * One line for each request: method, the route's template, status, time taken and the trace id. Never the path
 * itself or the query (they carry NHS numbers and names), never a header (tokens): Quarkus's own access log can only
 * print the path, which is why this one exists.
 */
@ApplicationScoped
public class AccessLog {

  private static final Logger LOG = Logger.getLogger("openucp.access");

  /** Where REST records the matched route's template for metrics and traces. */
  private static final String ROUTE_TEMPLATE = "UrlPathTemplate";

  /** Before every other filter, so that refusals at the edge are logged too. */
  private static final int PRIORITY = 20_000;

  void register(@Observes Filters filters) {
    filters.register(this::log, PRIORITY);
  }

  private void log(RoutingContext context) {
    if (!LOG.isInfoEnabled()) {
      context.next();
      return;
    }
    long started = System.nanoTime();
    SpanContext span = Span.current().getSpanContext();
    String traceId = span.isValid() ? span.getTraceId() : "-";
    Context request = Vertx.currentContext();
    context.addEndHandler(ended -> LOG.infof("%s %s %d %d ms trace=%s", context.request().method().name(),
        route(context, request), context.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000,
        traceId));
    context.next();
  }

  private static String route(RoutingContext context, Context request) {
    String template = request == null ? null : request.getLocal(ROUTE_TEMPLATE);
    if (template != null) {
      return template;
    }
    String path = context.normalizedPath();
    // Quarkus's own endpoints carry no personal data; anything else that matched no route is not named.
    return path.startsWith("/q/") ? path : "(no route)";
  }
}
