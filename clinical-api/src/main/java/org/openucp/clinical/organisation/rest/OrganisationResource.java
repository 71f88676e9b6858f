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
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OrganisationType;
import org.openucp.clinical.organisation.RosterEntry;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.clinical.organisation.service.OrganisationService;
import org.openucp.clinical.organisation.service.RosterCsv;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.OdsCode;

@Path("/organisations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Organisations", description = "Onboarding: sharing agreements and rosters of trained staff (administrators)")
@SecurityRequirement(name = "cis2")
public class OrganisationResource {

  private final OrganisationService organisations;

  public OrganisationResource(OrganisationService organisations) {
    this.organisations = organisations;
  }

  /** An organisation's name and kind. */
  public record OrganisationRequest(@NotBlank @Size(max = 200) String name, @NotNull OrganisationType type) {
  }

  /** The information sharing agreement, signed off by the organisation's Caldicott Guardian. */
  public record AgreementRequest(@NotNull LocalDate signedOn, @NotBlank @Size(max = 200) String caldicottGuardian,
      LocalDate expiresOn, LocalDate suspendedOn) {
  }

  /** An organisation and whether its staff can use the service today. */
  public record OrganisationView(String odsCode, String name, OrganisationType type, LocalDate agreementSignedOn,
      String caldicottGuardian, LocalDate agreementExpiresOn, LocalDate agreementSuspendedOn,
      boolean agreementInForce) {

    static OrganisationView of(Organisation organisation, boolean inForce) {
      return new OrganisationView(organisation.odsCode, organisation.name, organisation.type,
          organisation.agreementSignedOn, organisation.caldicottGuardian, organisation.agreementExpiresOn,
          organisation.agreementSuspendedOn, inForce);
    }
  }

  @PUT
  @Path("/{odsCode}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.save")
  @Operation(summary = "Register or update an organisation")
  @APIResponse(responseCode = "200", description = "Saved")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  public Uni<OrganisationView> save(@PathParam("odsCode") OdsCode odsCode,
      @NotNull @Valid OrganisationRequest request) {
    return organisations.save(odsCode, request.name(), request.type()).map(this::view);
  }

  @GET
  @Audited("organisation.list")
  @Operation(summary = "List organisations")
  @APIResponse(responseCode = "200", description = "Every organisation, by name")
  public Uni<List<OrganisationView>> list() {
    return organisations.list().map(list -> list.stream().map(this::view).toList());
  }

  @GET
  @Path("/{odsCode}")
  @Audited("organisation.read")
  @Operation(summary = "Read an organisation")
  @APIResponse(responseCode = "200", description = "The organisation")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<OrganisationView> get(@PathParam("odsCode") OdsCode odsCode) {
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
  public Uni<OrganisationView> agreement(@PathParam("odsCode") OdsCode odsCode,
      @NotNull @Valid AgreementRequest request) {
    return organisations.recordAgreement(odsCode, new OrganisationService.Agreement(request.signedOn(),
        request.caldicottGuardian(), request.expiresOn(), request.suspendedOn())).map(this::view);
  }

  @PUT
  @Path("/{odsCode}/roster")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("organisation.roster")
  @Operation(summary = "Replace the roster of trained, authorised staff (JSON)")
  @APIResponse(responseCode = "200", description = "The roster as stored")
  @APIResponse(responseCode = "400", description = "Invalid entries, each one named; nothing was changed")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<List<RosterEntryView>> roster(@PathParam("odsCode") OdsCode odsCode,
      @NotNull List<RosterMember> members) {
    return organisations.replaceRoster(odsCode, members).map(RosterEntryView::of);
  }

  @PUT
  @Path("/{odsCode}/roster")
  @Consumes("text/csv")
  @Audited("organisation.roster")
  @Operation(summary = "Replace the roster of trained, authorised staff (CSV: userId,name,jobRole,trainingCompletedOn)")
  @APIResponse(responseCode = "200", description = "The roster as stored")
  @APIResponse(responseCode = "400", description = "Unreadable lines, each one named; nothing was changed")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<List<RosterEntryView>> rosterCsv(@PathParam("odsCode") OdsCode odsCode, String csv) {
    return organisations.replaceRoster(odsCode, RosterCsv.parse(csv)).map(RosterEntryView::of);
  }

  @GET
  @Path("/{odsCode}/roster")
  @Audited("organisation.roster.read")
  @Operation(summary = "Read the roster")
  @APIResponse(responseCode = "200", description = "The roster")
  @APIResponse(responseCode = "404", description = "Not registered")
  public Uni<List<RosterEntryView>> readRoster(@PathParam("odsCode") OdsCode odsCode) {
    return organisations.roster(odsCode).map(RosterEntryView::of);
  }

  private OrganisationView view(Organisation organisation) {
    return OrganisationView.of(organisation, organisations.agreementInForce(organisation));
  }

  /** A roster entry as stored. */
  public record RosterEntryView(String userId, String name, String jobRole, LocalDate trainingCompletedOn) {

    static List<RosterEntryView> of(List<RosterEntry> entries) {
      return entries.stream()
          .map(entry -> new RosterEntryView(entry.userId, entry.name, entry.jobRole, entry.trainingCompletedOn))
          .toList();
    }
  }
}
