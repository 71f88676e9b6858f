package org.openucp.clinical.withdrawal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.security.Roles;
import org.openucp.clinical.withdrawal.FollowUpTask;
import org.openucp.clinical.withdrawal.service.Withdrawals;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Page;

@Path("/organisations/{odsCode}/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Follow-ups", description = "Patients a care team should contact, e.g. after they withdrew consent")
@SecurityRequirement(name = "cis2")
public class FollowUpResource {

  private final Withdrawals withdrawals;

  public FollowUpResource(Withdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  /** A patient to contact, why, and since when. */
  public record FollowUp(UUID id, String nhsNumber, String reason, Instant createdAt, Instant completedAt,
      String completedBy) {

    static FollowUp of(FollowUpTask task) {
      return new FollowUp(task.id, task.nhsNumber, task.reason, task.createdAt, task.completedAt, task.completedBy);
    }
  }

  @GET
  @Audited("follow-ups.list")
  @Operation(summary = "My organisation's open follow-up tasks, oldest first")
  @APIResponse(responseCode = "200", description = "Open tasks")
  @APIResponse(responseCode = "403", description = "Not your organisation")
  public Uni<Page<FollowUp>> listOpenFollowUps(@PathParam("odsCode") OdsCode odsCode, UriInfo request) {
    return withdrawals.openFor(odsCode).map(tasks -> Page.complete(tasks.stream().map(FollowUp::of).toList(), request));
  }

  @POST
  @Path("/{id}/completion")
  @Audited("follow-ups.complete")
  @Operation(summary = "Mark a follow-up task done")
  @APIResponse(responseCode = "200", description = "Done")
  @APIResponse(responseCode = "404", description = "No such task for this organisation")
  public Uni<FollowUp> completeFollowUp(@PathParam("odsCode") OdsCode odsCode, @PathParam("id") UUID id) {
    return withdrawals.complete(odsCode, id).map(FollowUp::of);
  }
}
