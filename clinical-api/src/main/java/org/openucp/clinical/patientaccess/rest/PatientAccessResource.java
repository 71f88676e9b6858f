package org.openucp.clinical.patientaccess.rest;

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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.consent.service.ConsentService;
import org.openucp.clinical.patientaccess.security.PatientProofs;
import org.openucp.clinical.patientaccess.service.PatientAccessService;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.service.RightsRequests;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.paging.Page;
import org.openucp.web.problem.ProblemException;

@Path("/patient-access/{nhsNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT_ACCESS)
@Tag(name = "Patient access", description = "For the portal only, with the patient's or proxy's own proof of who "
    + "they are")
@SecurityRequirement(name = "cis2")
public class PatientAccessResource {

  private final PatientProofs proofs;
  private final RightsRequests rights;
  private final PatientAccessService access;
  private final ConsentService consents;

  public PatientAccessResource(PatientProofs proofs, PatientAccessService access, ConsentService consents,
      RightsRequests rights) {
    this.rights = rights;
    this.proofs = proofs;
    this.access = access;
    this.consents = consents;
  }

  /** The published plan as the patient reads it, with its publication stamp. */
  public record PatientPlan(int version, Instant publishedAt, String publishedBy, String organisation,
      PlanContent content) {
  }

  /** Whether the patient has a published plan, and where each submission the clinical store holds stands. */
  public record PlanStatus(boolean published, Integer version, Instant publishedAt,
      List<SubmissionState> submissions) {
  }

  /** One submission as the clinical store holds it: received, and taken into the plan by a clinician or not. */
  public record SubmissionState(UUID submissionId, UUID draftId, Instant receivedAt, Instant claimedAt) {
  }

  /** One access to the patient's record by staff. */
  public record Access(Instant at, String role, String organisation, String action) {
  }

  /** A patient's withdrawal of consent, confirmed. */
  public record Withdrawal(@NotNull Boolean confirm, @NotBlank @Size(max = 500) String reason) {
  }

  @GET
  @Path("/plan")
  @Audited("patient.view")
  @Operation(summary = "The published plan, for the patient or their verified proxy")
  @APIResponse(responseCode = "200", description = "The published plan")
  @APIResponse(responseCode = "401", description = "The person's own token (or the proxy assertion) is missing or "
      + "invalid")
  @APIResponse(responseCode = "403", description = "The proof names another patient")
  @APIResponse(responseCode = "404", description = "No published plan")
  public Uni<PatientPlan> readPatientPlan(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @Parameter(description = "The patient's or proxy's own NHS login access token")
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken,
      @Parameter(description = "For a proxy: the portal's signed assertion of the proxy relationship")
      @HeaderParam(PatientProofs.PROXY_ASSERTION) String proxyAssertion) {
    return proofs.prove(patientToken, proxyAssertion).chain(viewer -> access.plan(nhsNumber, viewer))
        .map(view -> new PatientPlan(view.version().version, view.version().publishedAt,
            view.version().publishedByName, view.version().organisation, view.content()));
  }

  @GET
  @Path("/status")
  @Audited("patient.status")
  @Operation(summary = "Whether the patient has a published plan, and where each of their submissions stands")
  @APIResponse(responseCode = "200", description = "The status")
  @APIResponse(responseCode = "401", description = "The patient's own token is missing or invalid")
  public Uni<PlanStatus> readPatientStatus(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken) {
    return proofs.prove(patientToken, null).chain(viewer -> access.status(nhsNumber, viewer)).map(status -> {
      List<SubmissionState> submissions = status.submissions().stream().map(submission -> new SubmissionState(
          submission.id, submission.sourceDraftId, submission.receivedAt, submission.claimedAt)).toList();
      return status.published() == null ? new PlanStatus(false, null, null, submissions)
          : new PlanStatus(true, status.published().version, status.published().publishedAt, submissions);
    });
  }

  @GET
  @Path("/access-log")
  @Audited("patient.access-log")
  @Operation(summary = "Every access to the patient's record by staff: role, organisation and time, newest first")
  @APIResponse(responseCode = "200", description = "A page of accesses")
  @APIResponse(responseCode = "401", description = "The person's own token (or the proxy assertion) is missing or "
      + "invalid")
  public Uni<Page<Access>> readPatientAccessLog(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken,
      @HeaderParam(PatientProofs.PROXY_ASSERTION) String proxyAssertion,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("200") @Min(1) @Max(500) int size, UriInfo request) {
    return proofs.prove(patientToken, proxyAssertion)
        .chain(viewer -> access.accessLog(nhsNumber, viewer, page, size))
        .map(events -> Page.of(events.map(
            event -> new Access(event.occurredAt, event.roleCode, event.organisation, event.action)), page, request));
  }

  /** A right the patient asks the service to act on, in their words. */
  public record PatientRightsRequest(@NotNull RightsRequest.Kind kind, @Size(max = 4000) String details) {
  }

  /** Where the patient's request stands: received, when the answer is due, and the answer once sent. */
  public record PatientRightsRequestView(UUID id, RightsRequest.Kind kind, Instant receivedAt,
      LocalDate answerDueOn, RightsRequest.Status status, String reply, Instant repliedAt) {

    static PatientRightsRequestView of(RightsRequest request) {
      return new PatientRightsRequestView(request.id, request.kind, request.receivedAt, request.dueOn(),
          request.status, request.reply, request.repliedAt);
    }
  }

  @POST
  @Path("/rights-requests")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("patient.rights-request")
  @Operation(summary = "The patient asks to exercise a right over their data (P9: the statutory month starts now)")
  @APIResponse(responseCode = "201", description = "Recorded for information governance",
      content = @Content(schema = @Schema(implementation = PatientRightsRequestView.class)))
  @APIResponse(responseCode = "401", description = "The patient's own token is missing or invalid")
  @APIResponse(responseCode = "403", description = "Not this patient")
  public Uni<Response> raisePatientRightsRequest(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken, @NotNull @Valid PatientRightsRequest request) {
    return proofs.prove(patientToken, null).chain(viewer -> {
      access.on(nhsNumber, viewer);
      return rights.recordByPatient(nhsNumber, request.kind(), request.details(), viewer.subject());
    }).map(created -> Response.status(201).entity(PatientRightsRequestView.of(created)).build());
  }

  @GET
  @Path("/rights-requests")
  @Audited("patient.rights-requests")
  @Operation(summary = "The patient's rights requests, newest first, with the answers sent")
  @APIResponse(responseCode = "200", description = "The requests")
  @APIResponse(responseCode = "401", description = "The patient's own token is missing or invalid")
  public Uni<Page<PatientRightsRequestView>> listPatientRightsRequests(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken, UriInfo request) {
    return proofs.prove(patientToken, null).chain(viewer -> {
      access.on(nhsNumber, viewer);
      return rights.ofPatient(nhsNumber);
    }).map(found -> Page.complete(found.stream().map(PatientRightsRequestView::of).toList(), request));
  }

  @POST
  @Path("/consent-withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("consent.withdraw")
  @Operation(summary = "The patient withdraws consent: their plan and submissions are erased; a receipt says what")
  @APIResponse(responseCode = "200", description = "Withdrawn; the erasure receipt")
  @APIResponse(responseCode = "400", description = "Not confirmed, or no reason given")
  @APIResponse(responseCode = "401", description = "The patient's own token is missing or invalid")
  public Uni<ConsentService.Withdrawal> withdrawPatientConsent(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(PatientProofs.PATIENT_TOKEN) String patientToken, @NotNull @Valid Withdrawal request) {
    if (!Boolean.TRUE.equals(request.confirm())) {
      throw ProblemException.badRequest("not-confirmed",
          "Confirm that the plan and all its versions will be deleted");
    }
    return proofs.prove(patientToken, null).chain(viewer -> {
      access.on(nhsNumber, viewer);
      return consents.withdrawByPatient(nhsNumber, viewer.subject(), request.reason());
    });
  }
}
