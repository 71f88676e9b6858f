package org.openucp.clinical.rights.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.openucp.clinical.plan.rest.PlanViews;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.service.AccessExport;
import org.openucp.clinical.rights.service.AccessExports;
import org.openucp.clinical.rights.service.PatientComments;
import org.openucp.clinical.rights.service.RightsRequests;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

@Path("/rights-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Rights requests", description = "Patients' UK GDPR rights requests, for information governance")
@SecurityRequirement(name = "cis2")
public class RightsRequestResource {

  private final RightsRequests requests;
  private final AccessExports exports;
  private final PatientComments comments;

  public RightsRequestResource(RightsRequests requests, AccessExports exports, PatientComments comments) {
    this.requests = requests;
    this.exports = exports;
    this.comments = comments;
  }

  /** A request as received, e.g. from a telephone call or a letter. */
  public record NewRightsRequest(@NotNull NhsNumber nhsNumber, @NotNull RightsRequest.Kind kind,
      @NotNull RightsRequest.Channel receivedVia, Instant receivedAt,
      @NotBlank @Size(max = 200) String requester, @Size(max = 4000) String details) {
  }

  /** How the requester's identity was verified, and when (now if left out). */
  public record IdentityVerification(@NotBlank @Size(max = 500) String method, Instant verifiedAt) {
  }

  /** One extension of the statutory deadline, with the reasons sent to the requester. */
  public record Extension(@Min(1) @Max(2) int months, @NotBlank @Size(max = 2000) String reason, Instant notifiedAt) {
  }

  /** The answer: completed, or refused with reasons and the right to complain to the ICO. */
  @Schema(name = "RightsRequestClosure")
  public record Closure(@NotNull RightsRequest.Status status, @NotBlank @Size(max = 4000) String outcome,
      @NotBlank @Size(max = 8000) String reply) {
  }

  /** A case as the information governance team works it. */
  public record RightsRequestView(UUID id, String nhsNumber, RightsRequest.Kind kind,
      RightsRequest.Channel receivedVia, Instant receivedAt, String requester, String details, Instant serviceDueAt,
      Instant idVerifiedAt, String idVerification, LocalDate statutoryDueOn, LocalDate extendedDueOn,
      String extensionReason, Instant extensionNotifiedAt, RightsRequest.Status status, String handler,
      String outcome, String reply, Instant repliedAt, long revision) {

    static RightsRequestView of(RightsRequest request) {
      return new RightsRequestView(request.id, request.nhsNumber, request.kind, request.receivedVia,
          request.receivedAt, request.requester, request.details, request.serviceDueAt, request.idVerifiedAt,
          request.idVerification, request.statutoryDueOn, request.extendedDueOn, request.extensionReason,
          request.extensionNotifiedAt, request.status, request.handler, request.outcome, request.reply,
          request.repliedAt, request.revision);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("rights-request.record")
  @Operation(summary = "Record a rights request as received; a restriction or objection restricts at once")
  @APIResponse(responseCode = "201", description = "Recorded; the ETag is its revision",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = RightsRequestView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Response> recordRightsRequest(@NotNull @Valid NewRightsRequest request, UriInfo uri) {
    return requests.record(new RightsRequests.NewRequest(request.nhsNumber(), request.kind(), request.receivedVia(),
            request.receivedAt(), request.requester(), request.details()))
        .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
            .tag(Versions.etag(created.revision)).entity(RightsRequestView.of(created)).build());
  }

  @GET
  @Audited("rights-request.list")
  @Operation(summary = "Rights requests, open ones only unless asked for all, the most urgent first")
  @APIResponse(responseCode = "200", description = "The cases")
  public Uni<Page<RightsRequestView>> listRightsRequests(@QueryParam("all") @DefaultValue("false") boolean all,
      UriInfo request) {
    return requests.list(!all)
        .map(found -> Page.complete(found.stream().map(RightsRequestView::of).toList(), request));
  }

  @GET
  @Path("/{id}")
  @Audited("rights-request.read")
  @Operation(summary = "One rights request")
  @APIResponse(responseCode = "200", description = "The case; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RightsRequestView.class)))
  @APIResponse(responseCode = "404", description = "No such request")
  public Uni<Response> readRightsRequest(@PathParam("id") UUID id) {
    return requests.get(id).map(RightsRequestResource::withRevision);
  }

  @POST
  @Path("/{id}/identity-verification")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("rights-request.verify-identity")
  @Operation(summary = "Record that the requester's identity is verified: the statutory month starts")
  @APIResponse(responseCode = "200", description = "Verified; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RightsRequestView.class)))
  @APIResponse(responseCode = "409", description = "Already verified, or the request is closed")
  @APIResponse(responseCode = "412", description = "Someone changed the case since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> verifyRequesterIdentity(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid IdentityVerification verification) {
    return requests.identityVerified(id, Versions.required(ifMatch), verification.method(),
        verification.verifiedAt()).map(RightsRequestResource::withRevision);
  }

  @POST
  @Path("/{id}/extension")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("rights-request.extend")
  @Operation(summary = "Extend the statutory deadline by one or two months, within the first month, with reasons")
  @APIResponse(responseCode = "200", description = "Extended; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RightsRequestView.class)))
  @APIResponse(responseCode = "409", description = "Identity not verified yet, already extended, too late, or closed")
  @APIResponse(responseCode = "412", description = "Someone changed the case since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> extendRightsRequest(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid Extension extension) {
    return requests.extended(id, Versions.required(ifMatch), extension.months(), extension.reason(),
        extension.notifiedAt()).map(RightsRequestResource::withRevision);
  }

  @POST
  @Path("/{id}/closure")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("rights-request.close")
  @Operation(summary = "Close the case with its outcome and the reply sent to the requester")
  @APIResponse(responseCode = "200", description = "Closed",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = RightsRequestView.class)))
  @APIResponse(responseCode = "409", description = "Already closed")
  @APIResponse(responseCode = "412", description = "Someone changed the case since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> closeRightsRequest(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid Closure closure) {
    return requests.closed(id, Versions.required(ifMatch), closure.status(), closure.outcome(), closure.reply())
        .map(RightsRequestResource::withRevision);
  }

  @GET
  @Path("/{id}/access-export")
  @Audited("rights-request.access-export")
  @Operation(summary = "The copy of everything held about the patient, with the explanations a reply must give")
  @APIResponse(responseCode = "200", description = "The copy, as JSON")
  @APIResponse(responseCode = "404", description = "No such request")
  @APIResponse(responseCode = "409", description = "Not an access or portability request, or identity not verified")
  public Uni<AccessExport> exportRightsRequestData(@PathParam("id") UUID id) {
    return exports.forRequest(id);
  }

  /** The patient's own words on the opinion they dispute. */
  public record PatientCommentRequest(@NotBlank @Size(max = 4000) String text) {
  }

  @POST
  @Path("/{id}/patient-comments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("rights-request.patient-comment")
  @Operation(summary = "Attach the patient's comment on an opinion they dispute to their plan, shown with it")
  @APIResponse(responseCode = "201", description = "Attached, and shown with the plan",
      content = @Content(schema = @Schema(implementation = PlanViews.PatientCommentView.class)))
  @APIResponse(responseCode = "404", description = "No such request, or no plan for its patient")
  @APIResponse(responseCode = "409", description = "Not an open rectification request")
  public Uni<Response> addRightsRequestComment(@PathParam("id") UUID id,
      @NotNull @Valid PatientCommentRequest comment) {
    return comments.add(id, comment.text()).map(added -> Response.status(201)
        .entity(new PlanViews.PatientCommentView(added.text, added.recordedAt)).build());
  }

  private static Response withRevision(RightsRequest request) {
    return Response.ok(RightsRequestView.of(request)).tag(Versions.etag(request.revision)).build();
  }
}
