package org.openucp.clinical.complaint.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.complaint.Complaint;
import org.openucp.clinical.complaint.service.Complaints;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Complaints", description = "The complaint log, kept apart from patients' records, for information "
    + "governance")
@SecurityRequirement(name = "cis2")
public class ComplaintResource {

  private final Complaints complaints;

  public ComplaintResource(Complaints complaints) {
    this.complaints = complaints;
  }

  public record NewComplaint(Instant receivedAt, @NotBlank @Size(max = 200) String complainant,
      @Size(max = 300) String contact, NhsNumber nhsNumber, OdsCode organisation,
      @NotBlank @Size(max = 4000) String summary) {
  }

  @Schema(name = "ComplaintClosure")
  public record Closure(@NotBlank @Size(max = 4000) String outcome) {
  }

  public record ComplaintView(UUID id, Instant receivedAt, String complainant, String contact, String nhsNumber,
      String organisation, String summary, Complaint.Status status, String outcome, Instant closedAt,
      @Schema(description = "Once closed: the day its minimum retention ends (clinical.retention.complaint-minimum "
          + "after closure), after which it is appraised") LocalDate retainUntil,
      long revision) {

    static ComplaintView of(Complaint complaint, LocalDate retainUntil) {
      return new ComplaintView(complaint.id, complaint.receivedAt, complaint.complainant, complaint.contact,
          complaint.nhsNumber, complaint.organisation, complaint.summary, complaint.status, complaint.outcome,
          complaint.closedAt, retainUntil, complaint.revision);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("complaint.record")
  @Operation(summary = "Record a complaint as received")
  @APIResponse(responseCode = "201", description = "Recorded; the ETag is its revision",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = ComplaintView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  public Uni<Response> recordComplaint(@NotNull @Valid NewComplaint complaint, UriInfo uri) {
    return complaints.record(new Complaints.NewComplaint(complaint.receivedAt(), complaint.complainant(),
            complaint.contact(), complaint.nhsNumber(), complaint.organisation(), complaint.summary()))
        .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
            .tag(Versions.etag(created.revision)).entity(view(created)).build());
  }

  @GET
  @Audited("complaint.list")
  @Operation(summary = "Complaints, newest first; open ones only unless asked for all")
  @APIResponse(responseCode = "200", description = "The complaints")
  public Uni<Page<ComplaintView>> listComplaints(@QueryParam("all") @DefaultValue("false") boolean all,
      UriInfo request) {
    return complaints.list(!all).map(found -> Page.complete(found.stream().map(this::view).toList(), request));
  }

  @GET
  @Path("/{id}")
  @Audited("complaint.read")
  @Operation(summary = "One complaint")
  @APIResponse(responseCode = "200", description = "The complaint; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = ComplaintView.class)))
  @APIResponse(responseCode = "404", description = "No such complaint")
  public Uni<Response> readComplaint(@PathParam("id") UUID id) {
    return complaints.get(id).map(this::withRevision);
  }

  @POST
  @Path("/{id}/closure")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("complaint.close")
  @Operation(summary = "Close the complaint with its outcome; it is then kept for the retention period")
  @APIResponse(responseCode = "200", description = "Closed",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = ComplaintView.class)))
  @APIResponse(responseCode = "409", description = "Already closed")
  @APIResponse(responseCode = "412", description = "Someone changed it since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> closeComplaint(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid Closure closure) {
    return complaints.close(id, Versions.required(ifMatch), closure.outcome()).map(this::withRevision);
  }

  private ComplaintView view(Complaint complaint) {
    return ComplaintView.of(complaint, complaints.retainUntil(complaint));
  }

  private Response withRevision(Complaint complaint) {
    return Response.ok(view(complaint)).tag(Versions.etag(complaint.revision)).build();
  }
}
