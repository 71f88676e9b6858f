package org.openucp.clinical.governance.rest;

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
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.service.InformationGovernance;
import org.openucp.clinical.security.Roles;
import org.openucp.web.paging.Page;

@Path("/information-governance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Information governance", description = "The operator's information governance team")
@SecurityRequirement(name = "cis2")
public class InformationGovernanceResource {

  private final InformationGovernance governance;

  public InformationGovernanceResource(InformationGovernance governance) {
    this.governance = governance;
  }

  @GET
  @Path("/deadlines")
  @Audited("governance.deadlines")
  @Operation(summary = "Overdue and nearly due cases (rights requests, breaches), the most urgent first")
  @APIResponse(responseCode = "200", description = "Open deadlines that have passed or fall within `withinHours`")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Page<Deadline>> listGovernanceDeadlines(
      @QueryParam("withinHours") @DefaultValue("48") @Min(0) @Max(8784) int withinHours, UriInfo request) {
    return governance.deadlines(Duration.ofHours(withinHours)).map(deadlines -> Page.complete(deadlines, request));
  }
}
