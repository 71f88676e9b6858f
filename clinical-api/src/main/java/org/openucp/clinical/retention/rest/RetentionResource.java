package org.openucp.clinical.retention.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
import org.openucp.clinical.audit.repository.AuditRepository.Checkpoint;
import org.openucp.clinical.retention.DestructionRecord;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.RetentionHold;
import org.openucp.clinical.retention.RetentionTrigger;
import org.openucp.clinical.retention.service.AuditTrailDestruction;
import org.openucp.clinical.retention.service.Destructions;
import org.openucp.clinical.retention.service.RetentionAppraisals;
import org.openucp.clinical.retention.service.RetentionHolds;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Retention", description = "Retention schedule, appraisal, holds and destruction, for information "
    + "governance")
@SecurityRequirement(name = "cis2")
public class RetentionResource {

  private final RetentionAppraisals appraisals;
  private final RetentionHolds holds;
  private final Destructions destructions;
  private final AuditTrailDestruction auditTrail;

  public RetentionResource(RetentionAppraisals appraisals, RetentionHolds holds, Destructions destructions,
      AuditTrailDestruction auditTrail) {
    this.appraisals = appraisals;
    this.holds = holds;
    this.destructions = destructions;
    this.auditTrail = auditTrail;
  }

  /** An appraisal's decision: DESTROY, KEEP (with a reason and a review date) or PRESERVE (with a reason). */
  public record AppraisalDecision(@NotNull RetentionAppraisal.Decision decision, @Size(max = 2000) String reason,
      LocalDate reviewOn) {
  }

  /** A record on the appraisal list, and its decision once made. */
  public record AppraisalView(UUID id, RecordClass recordClass, UUID recordId, String nhsNumber,
      RetentionTrigger retentionTrigger, LocalDate retentionStartedOn, LocalDate minimumEndsOn, LocalDate dueOn,
      String basis, Instant listedAt, RetentionAppraisal.Decision decision, String reason, LocalDate reviewOn,
      Instant decidedAt, String decidedBy, String decidedByName, Instant destroyedAt, long revision) {

    static AppraisalView of(RetentionAppraisal a) {
      return new AppraisalView(a.id, a.recordClass, a.recordId, a.nhsNumber, a.retentionTrigger,
          a.retentionStartedOn, a.minimumEndsOn, a.dueOn, a.basis, a.listedAt, a.decision, a.reason, a.reviewOn,
          a.decidedAt, a.decidedBy, a.decidedByName, a.destroyedAt, a.revision);
    }
  }

  /** Placing a hold on a patient's records, or on one record: exactly one of the two. */
  public record NewHold(
      @Schema(description = "Hold every record of this patient's") NhsNumber nhsNumber,
      @Schema(description = "Or hold this one record: a complaint's, breach-register incident's or plan's id")
      UUID recordId,
      @NotNull RetentionHold.Kind kind,
      @NotBlank @Size(max = 2000) String reason, @Size(max = 200) String reference, LocalDate untilOn) {
  }

  /** Lifting a hold, with the reason. */
  public record Lifting(@NotBlank @Size(max = 2000) String reason) {
  }

  /** A hold as information governance sees it. */
  public record HoldView(UUID id, String nhsNumber, UUID recordId, RetentionHold.RecordKind recordKind,
      RetentionHold.Kind kind, String reason, String reference, Instant placedAt, String placedBy,
      String placedByName, LocalDate untilOn, Instant liftedAt, String liftedBy, String liftReason, long revision) {

    static HoldView of(RetentionHold h) {
      return new HoldView(h.id, h.nhsNumber, h.recordId, h.recordKind, h.kind, h.reason, h.reference, h.placedAt,
          h.placedBy, h.placedByName, h.untilOn, h.liftedAt, h.liftedBy, h.liftReason, h.revision);
    }
  }

  /** Confirming a destruction, which cannot be undone. */
  public record DestructionRequest(
      @NotNull @AssertTrue(message = "confirm that the record will be destroyed for good") Boolean confirm) {
  }

  /** Destroying the oldest audit events, through the end of a sealed block. */
  public record AuditTrailDestructionRequest(@NotNull @Min(1) Long throughSeq,
      @NotBlank @Size(max = 2000) String reason,
      @NotNull @AssertTrue(message = "confirm that the audit events will be destroyed for good") Boolean confirm) {
  }

  /** A metadata stub in the destruction log. */
  public record DestructionView(UUID id, RecordClass recordClass, String recordId, String nhsNumberHash,
      Instant recordCreatedAt, RetentionTrigger retentionTrigger, LocalDate retentionStartedOn,
      LocalDate minimumEndedOn, Instant destroyedAt, String destroyedBy, String destroyedByName, UUID appraisalId,
      String authority, String method, String contents) {

    static DestructionView of(DestructionRecord d) {
      return new DestructionView(d.id, d.recordClass, d.recordId, d.nhsNumberHash, d.recordCreatedAt,
          d.retentionTrigger, d.retentionStartedOn, d.minimumEndedOn, d.destroyedAt, d.destroyedBy,
          d.destroyedByName, d.appraisalId, d.authority, d.method, d.contents);
    }
  }

  @GET
  @Path("/schedule")
  @Audited("retention.schedule")
  @Operation(summary = "The retention schedule as configured: record class, trigger, minimum period")
  @APIResponse(responseCode = "200", description = "The schedule")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Page<RetentionSchedule.Rule>> readRetentionSchedule(UriInfo request) {
    return appraisals.schedule().map(rules -> Page.complete(rules, request));
  }

  @GET
  @Path("/appraisals")
  @Audited("retention.appraisal.list")
  @Operation(summary = "The appraisal list: records (plans, complaints, breach-register incidents) whose minimum "
      + "retention has ended, undecided ones unless all")
  @APIResponse(responseCode = "200", description = "The appraisals, the longest due first")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Page<AppraisalView>> listAppraisals(@QueryParam("all") @DefaultValue("false") boolean all,
      UriInfo request) {
    return appraisals.list(!all).map(found -> Page.complete(found.stream().map(AppraisalView::of).toList(), request));
  }

  @GET
  @Path("/appraisals/{id}")
  @Audited("retention.appraisal.read")
  @Operation(summary = "One appraisal")
  @APIResponse(responseCode = "200", description = "The appraisal; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = AppraisalView.class)))
  @APIResponse(responseCode = "404", description = "No such appraisal")
  public Uni<Response> readAppraisal(@PathParam("id") UUID id) {
    return appraisals.get(id).map(RetentionResource::withRevision);
  }

  @POST
  @Path("/appraisals/{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("retention.appraisal.decide")
  @Operation(summary = "Record the appraisal's decision (information governance's approval): DESTROY, KEEP or "
      + "PRESERVE")
  @APIResponse(responseCode = "200", description = "Decided; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = AppraisalView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  @APIResponse(responseCode = "404", description = "No such appraisal")
  @APIResponse(responseCode = "409", description = "Already decided")
  @APIResponse(responseCode = "412", description = "Someone changed the appraisal since you read it")
  @APIResponse(responseCode = "422", description = "KEEP without a reason or a future review date, and so on")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> decideAppraisal(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid AppraisalDecision decision) {
    return appraisals.decide(id, Versions.required(ifMatch), decision.decision(), decision.reason(),
        decision.reviewOn()).map(RetentionResource::withRevision);
  }

  @POST
  @Path("/appraisals/{id}/destruction")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("retention.destroy")
  @Operation(summary = "Destroy the record an appraisal approved for destruction; leaves a stub in the log")
  @APIResponse(responseCode = "200", description = "Destroyed; the stub left in the destruction log")
  @APIResponse(responseCode = "400", description = "Not confirmed")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  @APIResponse(responseCode = "404", description = "No such appraisal")
  @APIResponse(responseCode = "409", description = "Not approved for destruction, on hold, back in use, or gone")
  @APIResponse(responseCode = "412", description = "Someone changed the appraisal since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<DestructionView> destroyAppraisedRecords(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid DestructionRequest request) {
    return destructions.destroy(id, Versions.required(ifMatch)).map(DestructionView::of);
  }

  @GET
  @Path("/holds")
  @Audited("retention.hold.list")
  @Operation(summary = "Holds not lifted, or all holds")
  @APIResponse(responseCode = "200", description = "The holds, newest first")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Page<HoldView>> listHolds(@QueryParam("all") @DefaultValue("false") boolean all, UriInfo request) {
    return holds.list(all).map(found -> Page.complete(found.stream().map(HoldView::of).toList(), request));
  }

  @POST
  @Path("/holds")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("retention.hold.place")
  @Operation(summary = "Place a legal or serious-incident hold on a patient's records (nothing of theirs is "
      + "destroyed) or on one record (a complaint, a breach-register incident, a plan)")
  @APIResponse(responseCode = "201", description = "Placed; the ETag is its revision",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  @APIResponse(responseCode = "422", description = "An end date in the past; neither or both of nhsNumber and "
      + "recordId; no record with that id")
  public Uni<Response> placeHold(@NotNull @Valid NewHold hold, UriInfo uri) {
    return holds.place(new RetentionHolds.NewHold(hold.nhsNumber(), hold.recordId(), hold.kind(), hold.reason(),
            hold.reference(), hold.untilOn()))
        .map(placed -> Response.created(uri.getAbsolutePathBuilder().path(placed.id.toString()).build())
            .tag(Versions.etag(placed.revision)).entity(HoldView.of(placed)).build());
  }

  @GET
  @Path("/holds/{id}")
  @Audited("retention.hold.read")
  @Operation(summary = "One hold")
  @APIResponse(responseCode = "200", description = "The hold; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "404", description = "No such hold")
  public Uni<Response> readHold(@PathParam("id") UUID id) {
    return holds.get(id).map(found -> Response.ok(HoldView.of(found)).tag(Versions.etag(found.revision)).build());
  }

  @POST
  @Path("/holds/{id}/lifting")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("retention.hold.lift")
  @Operation(summary = "Lift a hold, with the reason")
  @APIResponse(responseCode = "200", description = "Lifted; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "404", description = "No such hold")
  @APIResponse(responseCode = "409", description = "Already lifted")
  @APIResponse(responseCode = "412", description = "Someone changed the hold since you read it")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> liftHold(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid Lifting lifting) {
    return holds.lift(id, Versions.required(ifMatch), lifting.reason())
        .map(lifted -> Response.ok(HoldView.of(lifted)).tag(Versions.etag(lifted.revision)).build());
  }

  @GET
  @Path("/destructions")
  @Audited("retention.destruction-log.read")
  @Operation(summary = "The destruction log, newest first; a patient's stubs when their NHS number is given")
  @APIResponse(responseCode = "200", description = "A page of metadata stubs")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<Page<DestructionView>> listDestructions(@QueryParam("nhsNumber") NhsNumber nhsNumber,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size, UriInfo request) {
    return destructions.log(nhsNumber, page, size)
        .map(found -> Page.of(found.map(DestructionView::of), page, request));
  }

  @GET
  @Path("/audit-trail")
  @Audited("retention.audit-trail.status")
  @Operation(summary = "The audit trail's checkpoint, and how far its oldest events could be destroyed now")
  @APIResponse(responseCode = "200", description = "The checkpoint (if any) and the furthest destroyable event")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  public Uni<AuditTrailDestruction.Status> readAuditTrailRetention() {
    return auditTrail.status();
  }

  @POST
  @Path("/audit-trail/destruction")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("retention.audit-trail.destroy")
  @Operation(summary = "Destroy the oldest audit events through the end of a sealed block, once the retention of "
      + "everything they cover has ended; verification then starts from the recorded checkpoint")
  @APIResponse(responseCode = "200", description = "Destroyed; the checkpoint recorded")
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  @APIResponse(responseCode = "409", description = "An event up to that point is still needed or on hold, or the "
      + "chain does not verify")
  @APIResponse(responseCode = "422", description = "Not the end of a sealed block, or already destroyed")
  public Uni<Checkpoint> destroyAuditEvents(@NotNull @Valid AuditTrailDestructionRequest request) {
    return auditTrail.destroy(request.throughSeq(), request.reason());
  }

  private static Response withRevision(RetentionAppraisal appraisal) {
    return Response.ok(AppraisalView.of(appraisal)).tag(Versions.etag(appraisal.revision)).build();
  }
}
