package org.openucp.clinical.breach.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.breach.rest.BreachViews.BreachSummary;
import org.openucp.clinical.breach.rest.BreachViews.BreachView;
import org.openucp.clinical.breach.rest.BreachViews.PatientNoticeView;
import org.openucp.clinical.breach.service.BreachInput;
import org.openucp.clinical.breach.service.BreachRegister;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

/**
 * The operator's breach register (UK GDPR Art 33 and 34), for its information governance team only. An entry's ETag
 * is its revision: replacing the facts needs it in If-Match; the other changes check it when it is sent.
 */
@Path("/breaches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Breaches", description = "The operator's breach register: every breach, the 72-hour ICO clock, the "
    + "patients affected and their notice (information governance)")
@SecurityRequirement(name = "cis2")
public class BreachResource {

  private final BreachRegister register;

  public BreachResource(BreachRegister register) {
    this.register = register;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.record")
  @Operation(summary = "Record a breach; the ICO clock starts at awareAt")
  @APIResponse(responseCode = "201", description = "Recorded; the ETag is its revision",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "422", description = "Times that cannot be: awareAt in the future, occurredAt after "
      + "awareAt")
  public Uni<Response> recordBreach(@NotNull @Valid BreachInput.Facts facts, UriInfo uri) {
    return register.record(facts).map(detail -> Response
        .created(uri.getAbsolutePathBuilder().path(detail.breach().id.toString()).build())
        .tag(Versions.etag(detail.breach().revision)).entity(BreachView.of(detail)).build());
  }

  @GET
  @Audited("breach.list")
  @Operation(summary = "The breach register, the breach the operator became aware of most recently first")
  @APIResponse(responseCode = "200", description = "A page of breaches, without patients")
  @APIResponse(responseCode = "400", description = "Invalid page or size")
  public Uni<Page<BreachSummary>> listBreaches(
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size, UriInfo request) {
    return register.list(page, size).map(found -> Page.of(found.map(BreachSummary::of), page, request));
  }

  @GET
  @Path("/{id}")
  @Audited("breach.read")
  @Operation(summary = "A breach with its patients, decisions, liaisons and notice (each patient shown is audited)")
  @APIResponse(responseCode = "200", description = "The breach; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "404", description = "No such breach")
  public Uni<Response> readBreach(@PathParam("id") UUID id) {
    return register.read(id).map(BreachResource::withRevision);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.update")
  @Operation(summary = "Replace a breach's facts, e.g. as new facts emerge")
  @APIResponse(responseCode = "200", description = "Saved; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named; nothing was saved")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "Someone changed the breach since you read it")
  @APIResponse(responseCode = "422", description = "Times that cannot be")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> updateBreach(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.Facts facts) {
    return register.update(id, Versions.required(ifMatch), facts).map(BreachResource::withRevision);
  }

  @POST
  @Path("/{id}/affected-patients/from-audit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.patients.from-audit")
  @Operation(summary = "Attach the patients and records (accesses) the audit trail shows: a user's and/or an "
      + "organisation's successful accesses from `from` to `to`, of one `action` if given")
  @APIResponse(responseCode = "200", description = "The breach with the patients attached and the search kept",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  @APIResponse(responseCode = "422", description = "Neither userId nor organisation, or times that cannot be")
  public Uni<Response> addBreachPatientsFromAudit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.AuditFilter filter) {
    return register.attachFromAudit(id, optional(ifMatch), filter).map(BreachResource::withRevision);
  }

  @POST
  @Path("/{id}/affected-patients")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.patients.add")
  @Operation(summary = "Add patients known to be affected by NHS number")
  @APIResponse(responseCode = "200", description = "The breach with the patients added",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid NHS numbers, each one named; none was added")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  public Uni<Response> addBreachPatients(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.Patients patients) {
    return register.addPatients(id, optional(ifMatch), patients.nhsNumbers()).map(BreachResource::withRevision);
  }

  @DELETE
  @Path("/{id}/affected-patients/{nhsNumber}")
  @Audited("breach.patients.remove")
  @Operation(summary = "Take a patient listed by mistake off the breach, with their records")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "No such breach, or the patient is not listed on it")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  public Uni<Void> removeBreachPatient(@PathParam("id") UUID id, @PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam("If-Match") String ifMatch) {
    return register.removePatient(id, optional(ifMatch), nhsNumber);
  }

  @POST
  @Path("/{id}/regulator-decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.regulator-decision")
  @Operation(summary = "Record the decision to notify the ICO or not, with its reason; when notified, and why late")
  @APIResponse(responseCode = "200", description = "Recorded; the clock stops when not notifying or notified",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named (notify and reason are required)")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "409", description = "The ICO has already been notified")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  @APIResponse(responseCode = "422", description = "Notified after the deadline without delayReason, or times or "
      + "fields that do not fit the decision")
  public Uni<Response> recordRegulatorDecision(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.Decision decision) {
    return register.decide(id, optional(ifMatch), decision).map(BreachResource::withRevision);
  }

  @POST
  @Path("/{id}/liaisons")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.liaison")
  @Operation(summary = "Record that a care provider was liaised with: which (ODS code), when, with whom")
  @APIResponse(responseCode = "200", description = "The breach with the liaison recorded",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  @APIResponse(responseCode = "422", description = "liaisedAt in the future")
  public Uni<Response> recordBreachLiaison(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.ProviderLiaison liaison) {
    return register.liaise(id, optional(ifMatch), liaison).map(BreachResource::withRevision);
  }

  @POST
  @Path("/{id}/seriousness")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.seriousness")
  @Operation(summary = "Mark the breach a serious incident, or take the mark off, with the reason: a serious "
      + "incident is kept 20 years from the incident rather than 10 (a breach the ICO is to be notified of is kept "
      + "as one whatever the mark)")
  @APIResponse(responseCode = "200", description = "The breach with its mark and its retention",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = BreachView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named (serious and reason are required)")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  public Uni<Response> assessBreachSeriousness(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.Seriousness seriousness) {
    return register.markSerious(id, optional(ifMatch), seriousness).map(BreachResource::withRevision);
  }

  @POST
  @Path("/{id}/patient-notice")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("breach.patient-notice")
  @Operation(summary = "Assess the risk to patients; at high risk, write the plain-language notice the care "
      + "providers send (unless an Art 34(3) exemption applies)")
  @APIResponse(responseCode = "200", description = "The assessment and the notice, kept with the breach",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = PatientNoticeView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "404", description = "No such breach")
  @APIResponse(responseCode = "412", description = "If-Match sent and someone changed the breach since")
  @APIResponse(responseCode = "422", description = "A reason, the likely consequences, the measures or a contact "
      + "point is missing")
  public Uni<Response> recordBreachPatientNotice(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid BreachInput.PatientRisk risk) {
    return register.assessPatientRisk(id, optional(ifMatch), risk).map(breach -> Response
        .ok(PatientNoticeView.of(breach)).tag(Versions.etag(breach.revision)).build());
  }

  private static Long optional(String ifMatch) {
    return ifMatch == null || ifMatch.isBlank() ? null : Versions.required(ifMatch);
  }

  private static Response withRevision(BreachRegister.Detail detail) {
    return Response.ok(BreachView.of(detail)).tag(Versions.etag(detail.breach().revision)).build();
  }
}
