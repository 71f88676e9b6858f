package org.openucp.clinical.retention.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.retention.PatientDeath;
import org.openucp.clinical.retention.service.DeathRecords;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.version.Versions;

@Path("/plans/{nhsNumber}/death")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Death", description = "The person's death, recorded by the care team: retention counts from it")
@SecurityRequirement(name = "cis2")
public class DeathResource {

  private final DeathRecords deaths;

  public DeathResource(DeathRecords deaths) {
    this.deaths = deaths;
  }

  /**
   * The date of death and where the care team learnt it. Checked (DeathRecords.Death) once the caller is known to
   * be in the plan's care team.
   */
  public record DeathRequest(LocalDate diedOn, PatientDeath.Source source, String sourceDetail) {
  }

  /** A recorded death as the care team sees it. */
  public record DeathView(String nhsNumber, LocalDate diedOn, PatientDeath.Source source, String sourceDetail,
      Instant recordedAt, String recordedBy, String recordedByName, String organisation, long revision) {

    static DeathView of(PatientDeath death) {
      return new DeathView(death.nhsNumber, death.diedOn, death.source, death.sourceDetail, death.recordedAt,
          death.recordedBy, death.recordedByName, death.organisation, death.revision);
    }
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("plan.death.record")
  @Operation(summary = "Record the person's death (date and source), or correct it with If-Match")
  @APIResponse(responseCode = "200", description = "Recorded; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DeathView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not allowed to edit this plan, or not in its care team")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "412", description = "Someone changed the record since you read it")
  @APIResponse(responseCode = "422", description = "A date in the future or before birth, or OTHER without detail")
  @APIResponse(responseCode = "428", description = "A death is already recorded: If-Match required to correct it")
  public Uni<Response> recordDeath(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @Parameter(description = "Only to correct a recorded death: the ETag you last read (428 without it then)")
      @HeaderParam("If-Match") String ifMatch,
      DeathRequest request) {
    return deaths.record(nhsNumber, request == null ? null
            : new DeathRecords.Death(request.diedOn(), request.source(), request.sourceDetail()), ifMatch)
        .map(DeathResource::withRevision);
  }

  @GET
  @Audited("plan.death.read")
  @Operation(summary = "The person's recorded death")
  @APIResponse(responseCode = "200", description = "The record; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DeathView.class)))
  @APIResponse(responseCode = "404", description = "No plan, or no death recorded")
  public Uni<Response> readDeath(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return deaths.get(nhsNumber).map(DeathResource::withRevision);
  }

  @DELETE
  @Audited("plan.death.retract")
  @Operation(summary = "Remove a death recorded in error")
  @APIResponse(responseCode = "204", description = "Removed: retention counts from when the person was last seen")
  @APIResponse(responseCode = "404", description = "No plan, or no death recorded")
  @APIResponse(responseCode = "412", description = "Someone changed the record since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> retractDeath(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam("If-Match") String ifMatch) {
    return deaths.retract(nhsNumber, ifMatch).map(done -> Response.noContent().build());
  }

  private static Response withRevision(PatientDeath death) {
    return Response.ok(DeathView.of(death)).tag(Versions.etag(death.revision)).build();
  }
}
