package org.openucp.clinical.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.AuditOutcome;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.audit.service.AuditQuery;
import org.openucp.clinical.audit.service.AuditTrail;
import org.openucp.clinical.audit.service.ChainVerification;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Page;

@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Audit", description = "Who accessed which patient's data, and proof that the trail is intact")
@SecurityRequirement(name = "cis2")
public class AuditResource {

  private final AuditTrail trail;

  public AuditResource(AuditTrail trail) {
    this.trail = trail;
  }

  /** One audit event as returned to administrators. */
  public record AuditEventView(long seq, Instant occurredAt, String actorId, String actorName, String roleCode,
      String organisation, String nhsNumber, UUID planId, Integer planVersion, String action, AuditOutcome outcome,
      int httpStatus, String reason) {

    static AuditEventView of(AuditEvent event) {
      return new AuditEventView(event.seq, event.occurredAt, event.actorId, event.actorName, event.roleCode,
          event.organisation, event.nhsNumber, event.planId, event.planVersion, event.action, event.outcome,
          event.httpStatus, event.reason);
    }
  }

  @GET
  @Path("/events")
  @Audited("audit.search")
  @Operation(summary = "Search audit events, newest first: by patient, user, organisation and time range")
  @APIResponse(responseCode = "200", description = "A page of events")
  @APIResponse(responseCode = "400", description = "Invalid criteria")
  public Uni<Page<AuditEventView>> searchAuditEvents(@QueryParam("nhsNumber") NhsNumber nhsNumber,
      @QueryParam("userId") String userId, @QueryParam("organisation") OdsCode organisation,
      @QueryParam("from") Instant from, @QueryParam("to") Instant to,
      // Bounded so that page × size, the row offset, stays an int: a huge page is a 400, not an overflow.
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size, UriInfo request) {
    return trail.search(new AuditQuery(nhsNumber, userId, organisation, from, to), page, size)
        .map(events -> Page.of(events.map(AuditEventView::of), page, request));
  }

  @GET
  @Path("/chain/verification")
  @Audited("audit.verify")
  @Operation(summary = "Verify the hash chain and report the first broken link",
      description = "By default only the events sealed since the newest recorded verification are rehashed, from the "
          + "chain's hash recorded there (scope SINCE_LAST_VERIFICATION); with full=true the whole retained trail is "
          + "(scope FULL), and a full walk that verifies is recorded. The scheduled verifier records one every "
          + "clinical.audit.verify-interval.")
  @APIResponse(responseCode = "200", description = "Whether the chain is intact, what was walked, where it first breaks")
  public Uni<ChainVerification> verifyAuditChain(
      @Parameter(description = "Walk the whole retained trail instead of the events since the newest verification")
      @QueryParam("full") @DefaultValue("false") boolean full) {
    return trail.verify(full);
  }
}
