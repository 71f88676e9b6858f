package org.openucp.portal.mydata.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.mydata.service.MyData;
import org.openucp.portal.myplan.client.ClinicalViews;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.web.csv.SpreadsheetCsv;
import org.openucp.web.paging.Page;

@Path("/")
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "My data", description = "A copy of what the portal holds about me, and my rights requests")
@SecurityRequirement(name = "nhslogin")
public class MyDataResource {

  private final MyData data;
  private final CurrentPatient patient;

  public MyDataResource(MyData data, CurrentPatient patient) {
    this.data = data;
    this.patient = patient;
  }

  /** A right the patient asks to exercise, in their own words. */
  public record RightsRequest(
      @NotNull @Pattern(regexp = "ACCESS|RECTIFICATION|ERASURE|RESTRICTION|OBJECTION|PORTABILITY") String kind,
      @Size(max = 4000) String details) {
  }

  @GET
  @Path("my-data")
  @Produces({MediaType.APPLICATION_JSON, SpreadsheetCsv.MEDIA_TYPE})
  @Operation(summary = "A copy of everything the portal holds about me: drafts, proxies, submissions (JSON or CSV)")
  @APIResponse(responseCode = "200", description = "The copy", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyData.PortalData.class)),
      @Content(mediaType = SpreadsheetCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))})
  public Uni<Response> exportMyData(@jakarta.ws.rs.core.Context HttpHeaders headers) {
    boolean csv = headers.getAcceptableMediaTypes().stream()
        .anyMatch(type -> type.isCompatible(MediaType.valueOf(SpreadsheetCsv.MEDIA_TYPE)) && !type.isWildcardType());
    return data.export(patient.get()).map(copy -> csv
        ? Response.ok(MyData.csv(copy), SpreadsheetCsv.MEDIA_TYPE + ";charset=UTF-8")
            .header("Content-Disposition", "attachment; filename=\"my-portal-data.csv\"").build()
        : Response.ok(copy, MediaType.APPLICATION_JSON).build());
  }

  @POST
  @Path("my-rights-requests")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Ask to exercise a right over my data; asking for erasure erases what the portal holds at once")
  @APIResponse(responseCode = "201", description = "Recorded; the answer is due within a month",
      content = @Content(schema = @Schema(implementation = MyData.RaisedRequest.class)))
  @APIResponse(responseCode = "403", description = "My identity is not checked to P9")
  public Uni<Response> raiseRightsRequest(@NotNull @Valid RightsRequest request) {
    return data.raise(patient.get(), request.kind(), request.details())
        .map(raised -> Response.status(201).entity(raised).build());
  }

  @GET
  @Path("my-rights-requests")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "My rights requests, newest first, with the answers sent")
  @APIResponse(responseCode = "200", description = "The requests")
  public Uni<Page<ClinicalViews.PatientRightsRequestView>> listMyRightsRequests(UriInfo request) {
    return data.requests(patient.get()).map(found -> Page.complete(found.items(), request));
  }
}
