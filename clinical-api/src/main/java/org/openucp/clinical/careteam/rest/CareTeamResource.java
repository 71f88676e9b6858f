package org.openucp.clinical.careteam.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.careteam.service.CareTeamService;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;

@Path("/plans/{nhsNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Care team", description = "The organisations that work on a plan: its owner and those it adds")
@SecurityRequirement(name = "cis2")
public class CareTeamResource {

  private final CareTeamService careTeams;

  public CareTeamResource(CareTeamService careTeams) {
    this.careTeams = careTeams;
  }

  /** A member organisation, and who added it when. */
  public record Member(String odsCode, Instant addedAt, String addedBy) {
  }

  /** The care team: the owning organisation and every member, the owner among them. */
  public record CareTeamView(String owningOrganisation, List<Member> members) {

    static CareTeamView of(CareTeamService.CareTeam team) {
      return new CareTeamView(team.plan().owningOrganisation, team.members().stream()
          .map(member -> new Member(member.odsCode, member.addedAt, member.addedBy)).toList());
    }
  }

  /** Transferring ownership: to which organisation, and why (e.g. the patient registered with a new practice). */
  public record TransferRequest(@NotNull OdsCode organisation, @NotBlank @Size(max = 500) String reason) {
  }

  @GET
  @Path("/care-team")
  @Audited("care-team.read")
  @Operation(summary = "The plan's care team")
  @APIResponse(responseCode = "200", description = "The owner and the member organisations")
  @APIResponse(responseCode = "403", description = "Your organisation is not in the care team")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  public Uni<CareTeamView> readCareTeam(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return careTeams.of(nhsNumber).map(CareTeamView::of);
  }

  @PUT
  @Path("/care-team/{odsCode}")
  @Audited("care-team.add")
  @Operation(summary = "Add an organisation to the care team: its staff may then work on the plan")
  @APIResponse(responseCode = "200", description = "Added (or already a member)")
  @APIResponse(responseCode = "403", description = "Your organisation is not in the care team")
  @APIResponse(responseCode = "422", description = "Not an organisation that has joined")
  public Uni<CareTeamView> addCareTeamMember(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @PathParam("odsCode") OdsCode odsCode) {
    return careTeams.add(nhsNumber, odsCode).map(CareTeamView::of);
  }

  @DELETE
  @Path("/care-team/{odsCode}")
  @Audited("care-team.remove")
  @Operation(summary = "Remove an organisation from the care team (not the owner)")
  @APIResponse(responseCode = "200", description = "Removed")
  @APIResponse(responseCode = "403", description = "Your organisation is not in the care team")
  @APIResponse(responseCode = "404", description = "Not in the care team")
  @APIResponse(responseCode = "409", description = "The owner cannot be removed")
  public Uni<CareTeamView> removeCareTeamMember(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @PathParam("odsCode") OdsCode odsCode) {
    return careTeams.remove(nhsNumber, odsCode).map(CareTeamView::of);
  }

  @PUT
  @Path("/owner")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("care-team.transfer")
  @Operation(summary = "Transfer ownership, e.g. when the patient moves practice; the new owner joins the team")
  @APIResponse(responseCode = "200", description = "Transferred")
  @APIResponse(responseCode = "403", description = "Your organisation is not in the care team")
  @APIResponse(responseCode = "422", description = "Not an organisation that has joined")
  public Uni<CareTeamView> transferPlanOwnership(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @NotNull @Valid TransferRequest request) {
    return careTeams.transferOwnership(nhsNumber, request.organisation(), request.reason())
        .map(CareTeamView::of);
  }
}
