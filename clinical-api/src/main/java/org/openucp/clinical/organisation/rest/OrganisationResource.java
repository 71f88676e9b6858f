package org.openucp.clinical.organisation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.organisation.DsptStatus;
import org.openucp.clinical.organisation.IncidentContact;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OrganisationType;
import org.openucp.clinical.organisation.RosterEntry;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.clinical.organisation.service.OrganisationService;
import org.openucp.clinical.organisation.service.RosterCsv;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Page;

@Path("/organisations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Organisations", description = "Onboarding: sharing agreements, Data Security and Protection Toolkit"
    + " status, incident contacts and rosters of trained staff (administrators)")
@SecurityRequirement(name = "cis2")
public class OrganisationResource {

  private final OrganisationService organisations;

  public OrganisationResource(OrganisationService organisations) {
    this.organisations = organisations;
  }

  /** An organisation's name, kind, and whom to contact about a data security incident (replaced as a whole). */
  public record OrganisationRequest(@NotBlank @Size(max = 200) String name, @NotNull OrganisationType type,
      @Valid IncidentContact incidentContact) {
  }

  /** The information sharing agreement, signed off by the organisation's Caldicott Guardian. */
  public record AgreementRequest(@NotNull LocalDate signedOn, @NotBlank @Size(max = 200) String caldicottGuardian,
      LocalDate expiresOn, LocalDate suspendedOn) {
  }

  /** The organisation's Data Security and Protection Toolkit status, as the toolkit published it. */
  public record DsptRequest(@NotNull DsptStatus status, LocalDate publishedOn) {
  }

  /**
   * An organisation and whether its staff can use the service today: {@code staffRefusedBecause} says why not (its
   * agreement or toolkit status), or is absent when they can (each on the roster, with current training).
   */
  public record OrganisationView(String odsCode, String name, OrganisationType type, LocalDate agreementSignedOn,
      String caldicottGuardian, LocalDate agreementExpiresOn, LocalDate agreementSuspendedOn,
      boolean agreementInForce, DsptStatus dsptStatus, LocalDate dsptPublishedOn, LocalDate dsptLapsesOn,
      boolean dsptInForce, IncidentContact incidentContact, String staffRefusedBecause) {

    static OrganisationView of(Organisation organisation, OrganisationService.Standing standing) {
      return new OrganisationView(organisation.odsCode, organisation.name, organisation.type,
          organisation.agreementSignedOn, organisation.caldicottGuardian, organisation.agreementExpiresOn,
          organisation.agreementSuspendedOn, standing.agreementInForce(), organisation.dsptStatus,
          organisation.dsptPublishedOn, standing.dsptLapsesOn(), standing.dsptInForce(),
          organisation.incidentContact(), standing.problem());
    }
  }

  @PUT
  @Path("/{odsCode}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.save")
  @Operation(summary = "Register or update an organisation: name, kind, incident contact")
  @APIResponse(responseCode = "200", description = "Saved")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  public Uni<OrganisationView> registerOrganisation(@PathParam("odsCode") OdsCode odsCode,
      @NotNull @Valid OrganisationRequest request) {
    return organisations.save(odsCode, new OrganisationService.Details(request.name(), request.type(),
        request.incidentContact())).map(this::view);
  }

  @GET
  @Audited("organisation.list")
  @Operation(summary = "List organisations")
  @APIResponse(responseCode = "200", description = "Every organisation, by name")
  public Uni<Page<OrganisationView>> listOrganisations(UriInfo request) {
    return organisations.list().map(list -> Page.complete(list.stream().map(this::view).toList(), request));
  }

  @GET
  @Path("/{odsCode}")
  @Audited("organisation.read")
  @Operation(summary = "Read an organisation")
  @APIResponse(responseCode = "200", description = "The organisation")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<OrganisationView> readOrganisation(@PathParam("odsCode") OdsCode odsCode) {
    return organisations.get(odsCode).map(this::view);
  }

  @PUT
  @Path("/{odsCode}/sharing-agreement")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.agreement")
  @Operation(summary = "Record the information sharing agreement (signed, expiry, suspension)")
  @APIResponse(responseCode = "200", description = "Recorded")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<OrganisationView> recordSharingAgreement(@PathParam("odsCode") OdsCode odsCode,
      @NotNull @Valid AgreementRequest request) {
    return organisations.recordAgreement(odsCode, new OrganisationService.Agreement(request.signedOn(),
        request.caldicottGuardian(), request.expiresOn(), request.suspendedOn())).map(this::view);
  }

  @PUT
  @Path("/{odsCode}/dspt")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.dspt")
  @Operation(summary = "Record the Data Security and Protection Toolkit status and the day it was published")
  @APIResponse(responseCode = "200", description = "Recorded")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<OrganisationView> recordDsptStatus(@PathParam("odsCode") OdsCode odsCode,
      @NotNull @Valid DsptRequest request) {
    return organisations.recordDspt(odsCode, new OrganisationService.Dspt(request.status(), request.publishedOn()))
        .map(this::view);
  }

  @PUT
  @Path("/{odsCode}/roster")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.roster")
  @Operation(operationId = "replaceRoster", summary = "Replace the roster of trained, authorised staff (JSON)")
  @APIResponse(responseCode = "200", description = "The roster as stored")
  @APIResponse(responseCode = "400", description = "Invalid entries, each one named; nothing was changed")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<Page<RosterEntryView>> replaceRoster(@PathParam("odsCode") OdsCode odsCode,
      @NotNull List<RosterMember> members, UriInfo request) {
    return organisations.replaceRoster(odsCode, members).map(stored -> Page.complete(roster(stored), request));
  }

  @PUT
  @Path("/{odsCode}/roster")
  @Consumes("text/csv")
  @Audited("organisation.roster")
  // One operation with two request types: the JSON method above names it.
  @Operation(operationId = "replaceRoster",
      summary = "Replace the roster of trained, authorised staff (CSV with a header row: "
      + RosterCsv.HEADER + ")")
  @APIResponse(responseCode = "200", description = "The roster as stored")
  @APIResponse(responseCode = "400", description = "Unreadable rows, each named with its column; nothing was changed")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<Page<RosterEntryView>> replaceRosterFromCsv(@PathParam("odsCode") OdsCode odsCode,
      @Context HttpHeaders headers, byte[] csv, UriInfo request) {
    MediaType type = headers.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return organisations.replaceRosterFromCsv(odsCode, csv, charset)
        .map(stored -> Page.complete(roster(stored), request));
  }

  @GET
  @Path("/{odsCode}/roster")
  @Produces({MediaType.APPLICATION_JSON, RosterCsv.MEDIA_TYPE})
  @Audited("organisation.roster.read")
  @Operation(summary = "Read the roster: JSON, or CSV for a spreadsheet when the Accept header prefers text/csv"
      + " (UTF-8 with a byte order mark; a value that would start a formula is prefixed with ')")
  @APIResponse(responseCode = "200", description = "The roster", content = {
      // The page type is named by the replacing operations' return type.
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PageRosterEntryView")),
      @Content(mediaType = RosterCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
          description = "Columns " + RosterCsv.HEADER))})
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<Response> readRoster(@PathParam("odsCode") OdsCode odsCode, @Context HttpHeaders headers,
      UriInfo request) {
    boolean csv = prefersCsv(headers.getAcceptableMediaTypes());
    return organisations.roster(odsCode).map(members -> csv
        ? Response.ok(RosterCsv.write(members.stream().map(OrganisationService.Member::entry).toList()),
                RosterCsv.MEDIA_TYPE + ";charset=UTF-8")
            .header("Content-Disposition", "attachment; filename=\"roster-" + odsCode.value() + ".csv\"").build()
        : Response.ok(Page.complete(RosterEntryView.of(members), request), MediaType.APPLICATION_JSON_TYPE).build());
  }

  /** Whether the caller asks for CSV before JSON: a wildcard alone gets JSON, as it always has. */
  static boolean prefersCsv(List<MediaType> acceptable) {
    MediaType csv = MediaType.valueOf(RosterCsv.MEDIA_TYPE);
    for (MediaType type : acceptable) {
      if (type.isWildcardType()) {
        return false;
      }
      if (type.isCompatible(csv)) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }

  private OrganisationView view(Organisation organisation) {
    return OrganisationView.of(organisation, organisations.standing(organisation));
  }

  private List<RosterEntryView> roster(List<RosterEntry> entries) {
    return RosterEntryView.of(organisations.members(entries));
  }

  /** A roster entry as stored, with the first day the member's training no longer counts. */
  public record RosterEntryView(String userId, String name, String email, String jobRole, String jobTitle,
      String course, LocalDate trainingCompletedOn, LocalDate trainingLapsesOn, boolean trainingCurrent) {

    static List<RosterEntryView> of(List<OrganisationService.Member> members) {
      return members.stream().map(member -> {
        RosterEntry entry = member.entry();
        return new RosterEntryView(entry.userId, entry.name, entry.email, entry.jobRole, entry.jobTitle,
            entry.course, entry.trainingCompletedOn, member.trainingLapsesOn(), member.trainingCurrent());
      }).toList();
    }
  }
}
