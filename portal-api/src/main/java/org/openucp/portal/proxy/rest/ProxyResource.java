package org.openucp.portal.proxy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.myplan.client.ClinicalViews;
import org.openucp.portal.myplan.service.MyPlanService;
import org.openucp.portal.proxy.ProxyInvitation;
import org.openucp.portal.proxy.ProxyStatus;
import org.openucp.portal.proxy.service.ProxyService;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.web.paging.Page;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "Proxies", description = "People a patient trusts to read their published plan")
@SecurityRequirement(name = "nhslogin")
public class ProxyResource {

  private final ProxyService proxies;
  private final MyPlanService plans;
  private final CurrentPatient me;

  public ProxyResource(ProxyService proxies, MyPlanService plans, CurrentPatient me) {
    this.proxies = proxies;
    this.plans = plans;
    this.me = me;
  }

  /** Naming a proxy: their email, for the invitation, and their date of birth, which they must confirm. */
  public record InvitationRequest(@NotBlank @Email @Size(max = 254) String email,
      @NotNull @Past LocalDate dateOfBirth) {
  }

  /** Opening an invitation: the link's token, the proxy's own date of birth and the patient's NHS number. */
  public record AcceptanceRequest(@NotBlank @Size(max = 100) String token, @NotNull LocalDate dateOfBirth,
      @NotBlank @Size(max = 14) String patientNhsNumber) {
  }

  /** A proxy as the patient sees them. */
  public record ProxyView(UUID id, String email, ProxyStatus status, Instant invitedAt, Instant expiresAt,
      Instant acceptedAt, Instant lastViewedAt, Instant revokedAt) {

    static ProxyView of(ProxyInvitation invitation) {
      return new ProxyView(invitation.id, invitation.proxyEmail, invitation.status, invitation.createdAt,
          invitation.expiresAt, invitation.acceptedAt, invitation.lastViewedAt, invitation.revokedAt);
    }
  }

  /** A patient whose plan I may read as their proxy. */
  public record ProxyFor(UUID id, String patientNhsNumber, Instant since) {
  }

  @POST
  @Path("proxies")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Invite a proxy: they get an email with a single-use link")
  @APIResponse(responseCode = "201", description = "Invited",
      content = @Content(schema = @Schema(implementation = ProxyView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "429", description = "Too many invitations in the last 24 hours: says when I can invite "
      + "again (also in Retry-After); nothing was stored or sent")
  public Uni<Response> inviteProxy(
      @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = InvitationRequest.class),
          examples = @ExampleObject(name = "invite-my-daughter",
              summary = "Invite a proxy by the email and date of birth their NHS login holds",
              value = "{\"email\": \"jones.4010232137@example.org\", \"dateOfBirth\": \"1952-11-30\"}")))
      @NotNull @Valid InvitationRequest request) {
    plans.requireProofing(me.get());
    return proxies.invite(me.get(), request.email(), request.dateOfBirth())
        .map(invitation -> Response.status(201).entity(ProxyView.of(invitation)).build());
  }

  @GET
  @Path("proxies")
  @Operation(summary = "My proxies, their status and when each last looked at my plan")
  @APIResponse(responseCode = "200", description = "My proxies")
  public Uni<Page<ProxyView>> listMyProxies(UriInfo request) {
    return proxies.ofPatient(me.get()).map(list -> Page.complete(list.stream().map(ProxyView::of).toList(), request));
  }

  @DELETE
  @Path("proxies/{id}")
  @Operation(summary = "Take a proxy's access away, at once")
  @APIResponse(responseCode = "200", description = "Revoked")
  @APIResponse(responseCode = "404", description = "No proxy of mine with this id")
  public Uni<ProxyView> revokeProxy(@PathParam("id") UUID id) {
    return proxies.revoke(me.get(), id).map(ProxyView::of);
  }

  @POST
  @Path("proxy-invitations/acceptance")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Prove an invitation: my date of birth and the patient's NHS number; my NHS login must show "
      + "the invited date of birth and email")
  @APIResponse(responseCode = "200", description = "Verified: I can now read the patient's published plan")
  @APIResponse(responseCode = "400", description = "Missing fields")
  @APIResponse(responseCode = "403", description = "Not verified (the same answer whatever was wrong, including too "
      + "many attempts today)")
  public Uni<ProxyFor> acceptProxyInvitation(
      @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = AcceptanceRequest.class),
          examples = @ExampleObject(name = "accept-an-invitation",
              summary = "The token from the link, my date of birth and the patient's NHS number",
              value = "{\"token\": \"token-from-the-emailed-link\", \"dateOfBirth\": \"1952-11-30\","
                  + " \"patientNhsNumber\": \"9434765919\"}")))
      @NotNull @Valid AcceptanceRequest request) {
    plans.requireProofing(me.get());
    return proxies.accept(me.get(), request.token(), request.dateOfBirth(), request.patientNhsNumber())
        .map(invitation -> new ProxyFor(invitation.id, invitation.patientNhsNumber, invitation.acceptedAt));
  }

  @GET
  @Path("proxy/patients")
  @Operation(summary = "The patients whose plans I may read as their proxy")
  @APIResponse(responseCode = "200", description = "The patients")
  public Uni<Page<ProxyFor>> listProxyPatients(UriInfo request) {
    return proxies.patientsOf(me.get()).map(list -> Page.complete(list.stream()
        .map(invitation -> new ProxyFor(invitation.id, invitation.patientNhsNumber, invitation.acceptedAt)).toList(),
        request));
  }

  @GET
  @Path("proxy/patients/{id}/plan")
  @Operation(summary = "The published plan of a patient I am a proxy for")
  @APIResponse(responseCode = "200", description = "The published plan",
      content = @Content(schema = @Schema(implementation = ClinicalViews.PatientPlan.class)))
  @APIResponse(responseCode = "404", description = "Not a patient I may read for, or no published plan")
  public Uni<JsonNode> readProxyPatientPlan(@PathParam("id") UUID id) {
    return plans.planForProxy(me.get(), id);
  }
}
