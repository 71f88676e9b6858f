package org.openucp.clinical.rights.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.rights.Restriction;
import org.openucp.clinical.rights.service.ChildConsentReports;
import org.openucp.clinical.rights.service.Restrictions;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Page;

@Path("/restrictions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Restrictions", description = "Patients' data kept but not used (UK GDPR Art 18), for information "
    + "governance")
@SecurityRequirement(name = "cis2")
public class RestrictionResource {

  private final Restrictions restrictions;
  private final ChildConsentReports reports;

  public RestrictionResource(Restrictions restrictions, ChildConsentReports reports) {
    this.restrictions = restrictions;
    this.reports = reports;
  }

  /** Why the patient's data is restricted, e.g. the rights request it answers. */
  public record RestrictionRequest(@NotBlank @Size(max = 2000) String reason, UUID rightsRequestId) {
  }

  /** The notice sent to the patient before their restriction is lifted, and when (now if left out). */
  public record LiftNotice(@NotBlank @Size(max = 4000) String notice, Instant sentAt) {
  }

  public record RestrictionView(String nhsNumber, String reason, UUID rightsRequestId, Instant restrictedAt,
      String restrictedBy, String liftNotice, Instant liftNoticeSentAt) {

    static RestrictionView of(Restriction restriction) {
      return new RestrictionView(restriction.nhsNumber, restriction.reason, restriction.rightsRequestId,
          restriction.restrictedAt, restriction.restrictedBy, restriction.liftNotice, restriction.liftNoticeSentAt);
    }
  }

  /** A report that a child's data was collected without the consent the law requires. */
  public record ChildConsentReport(@NotNull NhsNumber nhsNumber, @NotBlank @Size(max = 2000) String whatWasReported,
      @NotBlank @Size(max = 200) String reportedBy) {
  }

  /** The incident it opened in the breach register, and the restriction now in force. */
  public record ChildConsentIncident(UUID incidentId, Instant regulatorDueAt, RestrictionView restriction) {
  }

  @POST
  @Path("/child-consent-reports")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("restriction.child-consent-report")
  @Operation(summary = "A child's data reported collected without the required consent: open an incident in the "
      + "breach register and restrict the child's plan until decided")
  @APIResponse(responseCode = "201", description = "Incident opened, plan restricted",
      content = @Content(schema = @Schema(implementation = RestrictionView.class)))
  public Uni<Response> reportChildConsent(@NotNull @Valid ChildConsentReport report) {
    return reports.report(new ChildConsentReports.Report(report.nhsNumber(), report.whatWasReported(),
            report.reportedBy()))
        .map(opened -> Response.status(201).entity(new ChildConsentIncident(
            opened.incident().breach().id, opened.incident().regulatorDueAt(),
            RestrictionView.of(opened.restriction()))).build());
  }

  @GET
  @Audited("restriction.list")
  @Operation(summary = "The patients whose data is restricted, oldest first")
  @APIResponse(responseCode = "200", description = "The restrictions")
  public Uni<Page<RestrictionView>> listRestrictions(UriInfo request) {
    return restrictions.list().map(found -> Page.complete(found.stream().map(RestrictionView::of).toList(), request));
  }

  @PUT
  @Path("/{nhsNumber}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("restriction.restrict")
  @Operation(summary = "Restrict a patient's data: kept, but out of urgent care and refused to every reader")
  @APIResponse(responseCode = "200", description = "Restricted (or already was)")
  public Uni<RestrictionView> restrictProcessing(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @NotNull @Valid RestrictionRequest request) {
    return restrictions.restrict(nhsNumber, request.reason(), request.rightsRequestId()).map(RestrictionView::of);
  }

  @POST
  @Path("/{nhsNumber}/lift-notice")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("restriction.lift-notice")
  @Operation(summary = "Record the notice sent to the patient that their restriction will be lifted")
  @APIResponse(responseCode = "200", description = "Recorded")
  @APIResponse(responseCode = "404", description = "No restriction for this NHS number")
  public Uni<RestrictionView> recordRestrictionLiftNotice(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @NotNull @Valid LiftNotice notice) {
    return restrictions.noticeOfLifting(nhsNumber, notice.notice(), notice.sentAt()).map(RestrictionView::of);
  }

  @DELETE
  @Path("/{nhsNumber}")
  @Audited("restriction.lift")
  @Operation(summary = "Lift the restriction once the patient has been told; the published plan returns")
  @APIResponse(responseCode = "204", description = "Lifted")
  @APIResponse(responseCode = "404", description = "No restriction for this NHS number")
  @APIResponse(responseCode = "409", description = "No notice to the patient recorded yet")
  public Uni<Void> liftRestriction(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return restrictions.lift(nhsNumber);
  }
}
