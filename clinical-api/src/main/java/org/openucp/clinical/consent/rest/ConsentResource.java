package org.openucp.clinical.consent.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.consent.service.ConsentService;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.notice.ReconsentNotification;
import org.openucp.clinical.security.Roles;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.identity.NhsNumber;

@Path("/plans/{nhsNumber}/consent")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Consent", description = "The lawful basis for a plan; withdrawal deletes the plan")
@SecurityRequirement(name = "cis2")
public class ConsentResource {

  private final ConsentService consents;

  public ConsentResource(ConsentService consents) {
    this.consents = consents;
  }

  /** Recording consent: on what basis, with any notes. */
  /**
   * The basis a plan is held on; for a person under 18, who holds parental responsibility and, for a best-interests
   * decision, who was consulted.
   */
  public record ConsentRequest(@NotNull ConsentBasis basis, @Size(max = 2000) String notes,
      @Size(max = 300) String parentalResponsibility, @Size(max = 1000) String consulted) {

    public PlanService.ConsentStatement statement() {
      return new PlanService.ConsentStatement(basis, notes, parentalResponsibility, consulted);
    }
  }

  /**
   * A consent record as shown to authors: the privacy notice it was given under and, when a later notice changed the
   * purposes, that consent must be given again under it by {@code reconsentDueAt} (after which the plan is
   * restricted until it is), and whether the patient was emailed about it ({@code patientNotified}: {@code PENDING},
   * {@code EMAILED}, {@code NO_EMAIL_KNOWN} or {@code SEND_FAILED}).
   */
  public record ConsentView(ConsentBasis basis, String recordedBy, String recordedByName, Instant recordedAt,
      String notes, String parentalResponsibility, String consulted, UUID privacyNoticeId, String privacyNoticeVersion, boolean reconsentRequired,
      String reconsentNoticeVersion, Instant reconsentDueAt, Instant restrictedForReconsentAt,
      String patientNotified) {

    static ConsentView of(ConsentService.Given given) {
      Consent consent = given.consent();
      ReconsentNotification notification = given.notification();
      String notified = !consent.reconsentRequired() || notification == null ? null
          : notification.outcome != null ? notification.outcome.name()
          : notification.supersededAt == null ? "PENDING" : null;
      return new ConsentView(consent.basis, consent.recordedBy, consent.recordedByName, consent.recordedAt,
          consent.notes, consent.parentalResponsibility, consent.consulted, consent.privacyNoticeId, given.notice() == null ? null : given.notice().version,
          consent.reconsentRequired(), given.reconsentNotice() == null ? null : given.reconsentNotice().version,
          consent.reconsentDueAt, consent.reconsentRestrictedAt, notified);
    }
  }

  /** Withdrawing consent: a confirmation that the plan will be deleted, and the reason given. */
  public record WithdrawalRequest(
      @NotNull @AssertTrue(message = "confirm that the plan and all its versions will be deleted") Boolean confirm,
      @NotBlank @Size(max = 500) String reason) {
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("consent.record")
  @Operation(summary = "Record (or replace) the patient's consent, under the current privacy notice; this is also "
      + "how consent is given again after a notice changed its purposes, which lifts a restriction made for want of it")
  @APIResponse(responseCode = "200", description = "Recorded")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "422", description = "This basis is not allowed for a person under 18, or a child's "
      + "consent does not name who holds parental responsibility (and, for a best-interests decision, who was "
      + "consulted)")
  public Uni<ConsentView> recordConsent(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @NotNull @Valid ConsentRequest request) {
    return consents.record(nhsNumber, request.statement()).map(ConsentView::of);
  }

  @GET
  @Audited("consent.read")
  @Operation(summary = "Read the consent record")
  @APIResponse(responseCode = "200", description = "The consent record")
  @APIResponse(responseCode = "404", description = "No plan, or no consent recorded")
  public Uni<ConsentView> readConsent(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return consents.get(nhsNumber).map(ConsentView::of);
  }

  @POST
  @Path("/withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("consent.withdraw")
  @Operation(summary = "Withdraw consent: deletes the plan, every version, attachment and submitted draft")
  @APIResponse(responseCode = "200", description = "Withdrawn; what was deleted")
  @APIResponse(responseCode = "400", description = "Not confirmed, or no reason given")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  public Uni<ConsentService.Withdrawal> withdrawConsent(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @NotNull @Valid WithdrawalRequest request) {
    return consents.withdraw(nhsNumber, request.reason());
  }
}
