package org.openucp.clinical.withdrawal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.openucp.clinical.withdrawal.service.Withdrawals;
import org.openucp.web.paging.Page;

@Path("/withdrawal-notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT_ACCESS)
@Tag(name = "Patient access")
@SecurityRequirement(name = "cis2")
public class WithdrawalNoticeResource {

  private final Withdrawals withdrawals;

  public WithdrawalNoticeResource(Withdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  /** A patient whose consent was withdrawn: the portal erases what it holds for them, then acknowledges. */
  public record Notice(UUID id, String nhsNumber, Instant withdrawnAt) {
  }

  @GET
  @Audited("withdrawal.notices")
  @Operation(summary = "Withdrawals the portal has not yet erased its records for, oldest first (portal only)")
  @APIResponse(responseCode = "200", description = "Pending notices")
  public Uni<Page<Notice>> listWithdrawalNotices(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit, UriInfo request) {
    return withdrawals.pending(limit).map(found -> Page.head(found
        .map(notice -> new Notice(notice.id, notice.nhsNumber, notice.withdrawnAt)), request));
  }

  @DELETE
  @Path("/{id}")
  @Audited("withdrawal.acknowledge")
  @Operation(summary = "The portal has erased the patient's records: the notice is deleted")
  @APIResponse(responseCode = "204", description = "Acknowledged (or already gone)")
  public Uni<Void> acknowledgeWithdrawalNotice(@PathParam("id") UUID id) {
    return withdrawals.acknowledge(id);
  }
}
