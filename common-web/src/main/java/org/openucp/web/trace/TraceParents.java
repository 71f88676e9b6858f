package org.openucp.web.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A trace carried across an asynchronous hop as its W3C {@code traceparent} value: stored with the work when it is
 * queued, continued when the work is done, so that one trace runs from a patient's submission to its intake.
 */
public final class TraceParents {

  private static final String HEADER = "traceparent";

  private static final TextMapGetter<String> STORED = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String carrier) {
      return List.of(HEADER);
    }

    @Override
    public String get(String carrier, String key) {
      return HEADER.equals(key) ? carrier : null;
    }
  };

  private TraceParents() {
  }

  /** The current span's trace context, or null when no trace is being recorded. */
  public static String current() {
    return of(Span.current());
  }

  /** The span's trace context as a {@code traceparent} value, or null when it has none. */
  public static String of(Span span) {
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  /** The context a stored {@code traceparent} names, to start the continuing span in; the root when none was. */
  public static Context parentOf(String traceParent) {
    if (traceParent == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, STORED);
  }
}
