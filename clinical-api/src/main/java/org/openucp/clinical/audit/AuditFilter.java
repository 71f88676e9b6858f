package org.openucp.clinical.audit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.time.Clock;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.openucp.clinical.audit.service.AuditTrail;
import org.openucp.clinical.security.Caller;
import org.openucp.clinical.security.CurrentCaller;
import org.openucp.model.identity.NhsNumber;

/**
 * The single mechanism that audits access to patient data: after every call of an {@link Audited} resource method,
 * whatever its outcome (including 401 and 403), it appends one event before the response leaves. If the event
 * cannot be written, the caller gets an error instead of the data.
 */
public class AuditFilter {

  /** Callers state why they are looking at a record in this header; it is kept with the event. */
  public static final String REASON_HEADER = "X-Access-Reason";
  private static final int MAX_REASON = 500;

  private final AuditTrail trail;
  private final AuditContext context;
  private final CurrentCaller caller;
  private final Clock clock;

  public AuditFilter(AuditTrail trail, AuditContext context, CurrentCaller caller, Clock clock) {
    this.trail = trail;
    this.context = context;
    this.caller = caller;
    this.clock = clock;
  }

  @ServerResponseFilter
  public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
    Audited audited = resource.getResourceMethod() == null ? null
        : resource.getResourceMethod().getAnnotation(Audited.class);
    if (audited == null) {
      return Uni.createFrom().voidItem();
    }
    AuditEvent event = event(audited.value(), request, response.getStatus());
    return caller.find()
        .invoke(known -> known.ifPresent(found -> describe(event, found)))
        .invoke(() -> {
          if (context.onBehalfOfKind() != null) {
            // The portal acted for a patient or proxy: they are who accessed the plan.
            event.actorId = context.onBehalfOfKind().toLowerCase() + ":" + context.onBehalfOf();
            event.actorName = null;
            event.roleCode = context.onBehalfOfKind();
          }
        })
        .chain(() -> trail.append(event));
  }

  private AuditEvent event(String action, ContainerRequestContext request, int status) {
    AuditEvent event = new AuditEvent();
    event.occurredAt = clock.instant();
    event.action = action;
    event.httpStatus = status;
    event.outcome = status < 400 ? AuditOutcome.SUCCESS
        : status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
    NhsNumber patient = context.nhsNumber() != null ? context.nhsNumber()
        : pathPatient(request.getUriInfo().getPathParameters().getFirst("nhsNumber"));
    event.nhsNumber = patient == null ? null : patient.value();
    event.planId = context.planId();
    event.planVersion = context.planVersion();
    String reason = context.reason() != null ? context.reason() : request.getHeaderString(REASON_HEADER);
    event.reason = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    return event;
  }

  private static void describe(AuditEvent event, Caller known) {
    event.actorId = known.id();
    if (known instanceof Caller.StaffMember staff) {
      event.actorName = staff.name();
      event.roleCode = staff.jobRoleCode();
      event.organisation = staff.organisation().value();
    } else if (known instanceof Caller.ServiceClient service) {
      event.roleCode = String.join(" ", new java.util.TreeSet<>(service.serviceRoles()));
    }
  }

  private static NhsNumber pathPatient(String raw) {
    return raw != null && NhsNumber.isValid(raw) ? NhsNumber.of(raw) : null;
  }
}
