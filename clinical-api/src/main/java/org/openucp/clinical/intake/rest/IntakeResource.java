package org.openucp.clinical.intake.rest;

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
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.consent.rest.ConsentResource.ConsentRequest;
import org.openucp.clinical.intake.service.IntakeService;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.intake.IntakeReceipt;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.web.paging.Page;
import org.openucp.web.problem.ProblemException;

@Path("/intake/submitted-drafts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake", description = "Patients' own drafts, delivered by the portal, waiting for a clinician")
@SecurityRequirement(name = "cis2")
public class IntakeResource {

  private final IntakeService intake;

  public IntakeResource(IntakeService intake) {
    this.intake = intake;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DRAFT_INTAKE)
  @Audited("intake.deliver")
  @Operation(summary = "Deliver a patient's submitted draft (portal service only; idempotent per draft id)")
  @APIResponse(responseCode = "201", description = "Stored for the first time",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = IntakeReceipt.class)))
  @APIResponse(responseCode = "200", description = "Already stored by an earlier delivery; the same receipt",
      content = @Content(schema = @Schema(implementation = IntakeReceipt.class)))
  @APIResponse(responseCode = "400", description = "Invalid draft, or Idempotency-Key missing or not the draft id")
  @APIResponse(responseCode = "410", description = "The patient withdrew consent after submitting it: not stored")
  @APIResponse(responseCode = "422", description = "The organisation it is addressed to does not receive submissions")
  public Uni<Response> deliverSubmittedDraft(
      @Parameter(required = true, description = "The draft id: a repeated delivery with the same key is stored once "
          + "and answered with the first receipt")
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @NotNull @Valid SubmittedDraft draft, UriInfo uri) {
    if (idempotencyKey == null || !idempotencyKey.equals(draft.draftId().toString())) {
      throw ProblemException.badRequest("idempotency-key",
          "Send the draft id as the Idempotency-Key header, so that a retried delivery is stored once");
    }
    return intake.receive(draft).map(delivery -> {
      IntakeReceipt receipt = delivery.submission().receipt();
      return delivery.first()
          ? Response.created(uri.getAbsolutePathBuilder().path(receipt.submissionId().toString()).build())
              .entity(receipt).build()
          : Response.ok(receipt).build();
    });
  }

  @GET
  @RolesAllowed(Roles.STAFF)
  @Operation(summary = "List submitted drafts waiting for a clinician (or all), oldest first")
  @APIResponse(responseCode = "200", description = "A page of the inbox")
  @APIResponse(responseCode = "400", description = "Invalid page or size")
  @Audited("intake.inbox")
  public Uni<Page<InboxItem>> listSubmittedDrafts(
      @QueryParam("includeClaimed") @DefaultValue("false") boolean includeClaimed,
      // Bounded so that page × size, the row offset, stays an int: a huge page is a 400, not an overflow.
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, UriInfo request) {
    return intake.inbox(includeClaimed, page, size).map(items -> Page.of(items.map(InboxItem::of), page, request));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.STAFF)
  @Operation(summary = "Read one submitted draft")
  @APIResponse(responseCode = "200", description = "The submitted draft")
  @APIResponse(responseCode = "404", description = "No submitted draft with this id")
  @Audited("intake.read")
  public Uni<InboxItem> readSubmittedDraft(@PathParam("id") UUID id) {
    return intake.get(id).map(InboxItem::of);
  }

  /** Claiming: the consent to record when the patient has no plan yet (a plan is only created with consent). */
  public record ClaimRequest(@Valid ConsentRequest consent) {
  }

  /** Forwarding: to which organisation, and why. */
  public record ForwardRequest(@NotNull OdsCode organisation, @NotBlank @Size(max = 500) String reason) {
  }

  @POST
  @Path("/{id}/claim")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.STAFF)
  @Audited("intake.claim")
  @Operation(summary = "Take a submission into the patient's plan: initiates it (with the consent sent), or adds "
      + "to its draft")
  @APIResponse(responseCode = "200", description = "Taken in; the item now names the plan")
  @APIResponse(responseCode = "403", description = "Sent to another organisation, or the plan's care team is not "
      + "yours")
  @APIResponse(responseCode = "404", description = "No submitted draft with this id")
  @APIResponse(responseCode = "409", description = "Already taken into a plan")
  @APIResponse(responseCode = "422", description = "The patient has no plan and no consent was sent")
  public Uni<InboxItem> claimSubmittedDraft(@PathParam("id") UUID id, @Valid ClaimRequest request) {
    ConsentRequest consent = request == null ? null : request.consent();
    return intake.claim(id, consent == null ? null
        : consent.statement()).map(InboxItem::of);
  }

  @POST
  @Path("/{id}/forwarding")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.STAFF)
  @Audited("intake.forward")
  @Operation(summary = "Forward an unclaimed submission to another organisation that receives submissions")
  @APIResponse(responseCode = "200", description = "Forwarded; it has left this organisation's inbox")
  @APIResponse(responseCode = "403", description = "Sent to another organisation")
  @APIResponse(responseCode = "409", description = "Already taken into a plan")
  @APIResponse(responseCode = "422", description = "The target does not receive submissions")
  public Uni<InboxItem> forwardSubmittedDraft(@PathParam("id") UUID id, @NotNull @Valid ForwardRequest request) {
    return intake.forward(id, request.organisation(), request.reason()).map(InboxItem::of);
  }
}
