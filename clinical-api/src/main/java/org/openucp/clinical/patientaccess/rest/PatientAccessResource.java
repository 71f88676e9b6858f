package org.openucp.clinical.patientaccess.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.consent.service.ConsentService;
import org.openucp.clinical.patientaccess.service.PatientAccessService;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;

@Path("/patient-access/{nhsNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT_ACCESS)
@Tag(name = "Patient access", description = "For the portal only, acting for a signed-in patient or verified proxy")
@SecurityRequirement(name = "cis2")
public class PatientAccessResource {

  /** Who the portal acts for: {@code PATIENT} or {@code PROXY}. */
  static final String VIEWER_KIND = "X-Viewer-Kind";
  /** The viewer's NHS login subject. */
  static final String VIEWER = "X-Viewer";

  private final PatientAccessService access;
  private final ConsentService consents;

  public PatientAccessResource(PatientAccessService access, ConsentService consents) {
    this.access = access;
    this.consents = consents;
  }

  /** The published plan as the patient reads it, with its publication stamp. */
  public record PatientPlan(int version, Instant publishedAt, String publishedBy, String organisation,
      PlanContent content) {
  }

  /** Whether the patient has a published plan. */
  public record PlanStatus(boolean published, Integer version, Instant publishedAt) {
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
  @APIResponse(responseCode = "400", description = "Viewer headers missing or invalid")
  @APIResponse(responseCode = "404", description = "No published plan")
  public Uni<PatientPlan> plan(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(VIEWER_KIND) @NotNull @Pattern(regexp = "PATIENT|PROXY") String viewerKind,
      @HeaderParam(VIEWER) @NotBlank String viewer) {
    return access.plan(nhsNumber, viewerKind, viewer).map(view -> new PatientPlan(view.version().version,
        view.version().publishedAt, view.version().publishedByName, view.version().organisation, view.content()));
  }

  @GET
  @Path("/status")
  @Audited("patient.status")
  @Operation(summary = "Whether the patient has a published plan")
  @APIResponse(responseCode = "200", description = "The status")
  public Uni<PlanStatus> status(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return access.status(nhsNumber).map(entry -> entry == null ? new PlanStatus(false, null, null)
        : new PlanStatus(true, entry.version, entry.publishedAt));
  }

  @GET
  @Path("/access-log")
  @Audited("patient.access-log")
  @Operation(summary = "Who accessed the patient's record: role, organisation and time, newest first")
  @APIResponse(responseCode = "200", description = "The accesses")
  @APIResponse(responseCode = "400", description = "Viewer headers missing or invalid")
  public Uni<List<Access>> accessLog(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(VIEWER_KIND) @NotNull @Pattern(regexp = "PATIENT|PROXY") String viewerKind,
      @HeaderParam(VIEWER) @NotBlank String viewer,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("200") @Min(1) @Max(500) int size) {
    return access.accessLog(nhsNumber, viewerKind, viewer, page, size).map(events -> events.stream()
        .map(event -> new Access(event.occurredAt, event.roleCode, event.organisation, event.action)).toList());
  }

  @POST
  @Path("/consent-withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("consent.withdraw")
  @Operation(summary = "The patient withdraws consent: the plan and everything about it is deleted")
  @APIResponse(responseCode = "200", description = "Withdrawn; what was deleted")
  @APIResponse(responseCode = "400", description = "Not confirmed, or no reason given")
  @APIResponse(responseCode = "404", description = "No plan")
  public Uni<ConsentService.Withdrawal> withdraw(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(VIEWER) @NotBlank String viewer, @NotNull @Valid Withdrawal request) {
    if (!Boolean.TRUE.equals(request.confirm())) {
      throw org.openucp.web.problem.ProblemException.badRequest("not-confirmed",
          "Confirm that the plan and all its versions will be deleted");
    }
    return consents.withdrawByPatient(nhsNumber, viewer, request.reason());
  }
}
