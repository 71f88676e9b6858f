package org.openucp.portal.myplan.rest;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.myplan.client.ClinicalViews;
import org.openucp.portal.myplan.service.MyPlanService;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.web.paging.Page;

@Path("/my-plan")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "My plan", description = "My published urgent care plan, who has looked at it, and my consent")
@SecurityRequirement(name = "nhslogin")
public class MyPlanResource {

  private final MyPlanService plans;
  private final CurrentPatient patient;

  public MyPlanResource(MyPlanService plans, CurrentPatient patient) {
    this.plans = plans;
    this.patient = patient;
  }

  /** Withdrawing consent: the patient confirms that their plan will be erased, and says why. */
  public record WithdrawalRequest(
      @NotNull @AssertTrue(message = "confirm that your plan will be deleted") Boolean confirm,
      @NotBlank @Size(max = 500) String reason) {
  }

  @GET
  @Operation(summary = "My published plan (never a clinician's unpublished draft)")
  @APIResponse(responseCode = "200", description = "The published plan",
      content = @Content(schema = @Schema(implementation = ClinicalViews.PatientPlan.class)))
  @APIResponse(responseCode = "404", description = "No published plan yet")
  public Uni<JsonNode> readMyPlan() {
    return plans.plan(patient.get());
  }

  @GET
  @Path("/access-log")
  @Operation(summary = "Who has accessed my plan: their role, organisation and when")
  @APIResponse(responseCode = "200", description = "A page of accesses, newest first")
  @APIResponse(responseCode = "400", description = "Invalid page or size")
  public Uni<Page<ClinicalViews.Access>> readMyAccessLog(
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("200") @Min(1) @Max(500) int size, UriInfo request) {
    return plans.accessLog(patient.get(), page, size).map(found -> found.relinked(page, request));
  }

  @GET
  @Path("/consent-withdrawal")
  @Operation(summary = "What withdrawing my consent would erase, before I confirm")
  @APIResponse(responseCode = "200", description = "What would change")
  public Uni<MyPlanService.WithdrawalPreview> previewConsentWithdrawal() {
    return plans.withdrawalPreview(patient.get());
  }

  @POST
  @Path("/consent-withdrawal")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Withdraw my consent: my plan, drafts, submissions and proxies are erased at once")
  @APIResponse(responseCode = "200", description = "Withdrawn: the erasure receipts (what kinds, how many, when)")
  @APIResponse(responseCode = "400", description = "Not confirmed, or no reason given")
  public Uni<MyPlanService.WithdrawalReceipt> withdrawConsent(@NotNull @Valid WithdrawalRequest request) {
    return plans.withdrawConsent(patient.get(), request.reason());
  }
}
