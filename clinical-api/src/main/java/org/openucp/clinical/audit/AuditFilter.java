package org.openucp.clinical.audit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.openucp.clinical.audit.service.AuditTrail;
import org.openucp.clinical.security.CurrentCaller;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.DatabaseUnavailable;
import org.openucp.web.time.WallClock;

/**
 * The single mechanism that audits access to patient data: after every call of an {@link Audited} resource method,
 * whatever its outcome (including 401 and 403), it appends one event before the response leaves. If the event
 * cannot be written, the caller gets an error instead of the data. A hot read may record its own event in the
 * statement that reads the data ({@link AuditContext#recorded}); the filter then appends only if the response
 * ended otherwise than that event says. While the database cannot be reached, a response that shows nothing (an
 * error, such as the 503 of the outage itself) goes out without its event, which cannot be written anywhere; a
 * response with data never does.
 */
public class AuditFilter {

  private static final Logger LOG = Logger.getLogger(AuditFilter.class);

  /** Callers state why they are looking at a record in this header; it is kept with the event. */
  public static final String REASON_HEADER = "X-Access-Reason";

  private final AuditTrail trail;
  private final AuditContext context;
  private final CurrentCaller caller;
  private final Clock clock;

  public AuditFilter(AuditTrail trail, AuditContext context, CurrentCaller caller, @WallClock Clock clock) {
    this.trail = trail;
    this.context = context;
    this.caller = caller;
    this.clock = clock;
  }

  @ServerResponseFilter
  public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
    // No resource information when no method was matched, e.g. none of a path's methods consumes the Content-Type.
    Audited audited = resource == null || resource.getResourceMethod() == null ? null
        : resource.getResourceMethod().getAnnotation(Audited.class);
    if (audited == null || context.isRecorded(response.getStatus())) {
      return Uni.createFrom().voidItem();
    }
    return caller.find().chain(known -> {
      AuditEvent event = AuditEvent.of(audited.value(), response.getStatus(), clock.instant(), known.orElse(null),
          context, namedPatient(request),
          request.getHeaderString(REASON_HEADER));
      if (context.revealed().isEmpty() || event.outcome != AuditOutcome.SUCCESS) {
        return trail.append(event);
      }
      return trail.appendAll(context.revealed().stream().map(patient -> event.about(patient)).toList());
    }).onFailure(failure -> response.getStatus() >= 400 && DatabaseUnavailable.causedBy(failure))
        .recoverWithItem(failure -> {
          LOG.warnf("Audit event %s for an HTTP %d response not recorded: the database cannot be reached",
              audited.value(), response.getStatus());
          return null;
        });
  }

  /** The patient the request names in its path or, for searches, its query. */
  private static NhsNumber namedPatient(ContainerRequestContext request) {
    String raw = request.getUriInfo().getPathParameters().getFirst("nhsNumber");
    if (raw == null) {
      raw = request.getUriInfo().getQueryParameters().getFirst("nhsNumber");
    }
    return raw != null && NhsNumber.isValid(raw) ? NhsNumber.of(raw) : null;
  }
}
