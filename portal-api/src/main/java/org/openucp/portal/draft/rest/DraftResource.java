package org.openucp.portal.draft.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftContent;
import org.openucp.portal.draft.service.DraftService;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

@Path("/drafts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "Drafts", description = "A patient's own draft urgent care plan")
@SecurityRequirement(name = "nhslogin")
public class DraftResource {

  private final DraftService drafts;
  private final CurrentPatient patient;

  public DraftResource(DraftService drafts, CurrentPatient patient) {
    this.drafts = drafts;
    this.patient = patient;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start my draft (one at a time)")
  @APIResponse(responseCode = "201", description = "Started; the ETag is its version",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "409", description = "You already have a draft")
  public Uni<Response> startDraft(
      @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = DraftContent.class),
          examples = @ExampleObject(name = "my-first-draft",
              summary = "A patient starts a draft for their GP practice",
              value = "{\"organisation\": \"A83008\", \"postcode\": \"SW3 6JJ\","
                  + " \"email\": \"smith.9434765919@example.org\", \"preferredPlaceOfCare\": \"HOME\","
                  + " \"thoughtsAboutFutureCare\": \"At home if I can.\"}")))
      @NotNull @Valid DraftContent content, UriInfo uri) {
    return drafts.start(patient.get(), content)
        .map(draft -> Response.created(uri.getAbsolutePathBuilder().path(draft.id.toString()).build())
            .entity(DraftView.of(draft)).tag(Versions.etag(draft.version)).build());
  }

  @GET
  @Operation(summary = "List my drafts (none, or the one I have)")
  @APIResponse(responseCode = "200", description = "My drafts")
  public Uni<Page<DraftView>> listMyDrafts(UriInfo request) {
    return drafts.listOwned(patient.get()).map(list -> Page.complete(list.stream().map(DraftView::of).toList(), request));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read my draft and its status")
  @APIResponse(responseCode = "200", description = "The draft; the ETag is its version",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "404", description = "No draft of yours with this id (it may have moved to your clinical team)")
  public Uni<Response> readDraft(@PathParam("id") UUID id) {
    return drafts.get(patient.get(), id).map(DraftResource::withVersion);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Save my draft, replacing what it said")
  @APIResponse(responseCode = "200", description = "Saved; the ETag is the new version",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named; nothing was saved")
  @APIResponse(responseCode = "404", description = "No draft of yours with this id")
  @APIResponse(responseCode = "409", description = "Already submitted")
  @APIResponse(responseCode = "412", description = "Changed since you read it (another tab or device)")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> saveDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid DraftContent content) {
    return drafts.save(patient.get(), id, Versions.required(ifMatch), content)
        .map(DraftResource::withVersion);
  }

  @POST
  @Path("/{id}/submission")
  @Operation(summary = "Submit my draft to my clinical team")
  @APIResponse(responseCode = "202",
      description = "Submitted; it moves to the clinical team and then leaves the portal",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "404", description = "No draft of yours with this id")
  @APIResponse(responseCode = "409", description = "Already submitted")
  @APIResponse(responseCode = "412", description = "Changed since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> submitDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
    return drafts.submit(patient.get(), id, Versions.required(ifMatch))
        .map(draft -> Response.accepted(DraftView.of(draft)).tag(Versions.etag(draft.version)).build());
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Discard my draft before submitting it")
  @APIResponse(responseCode = "204", description = "Discarded")
  @APIResponse(responseCode = "404", description = "No draft of yours with this id")
  @APIResponse(responseCode = "409", description = "Already submitted")
  @APIResponse(responseCode = "412", description = "Changed since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> discardDraft(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
    return drafts.discard(patient.get(), id, Versions.required(ifMatch))
        .map(ignored -> Response.noContent().build());
  }

  private static Response withVersion(Draft draft) {
    return Response.ok(DraftView.of(draft)).tag(Versions.etag(draft.version)).build();
  }
}
