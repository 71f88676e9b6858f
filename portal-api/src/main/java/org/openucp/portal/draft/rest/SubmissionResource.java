package org.openucp.portal.draft.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.draft.service.DraftService;
import org.openucp.portal.myplan.service.MyPlanService;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.portal.transfer.SubmissionReceipt;

@Path("/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "Drafts")
@SecurityRequirement(name = "nhslogin")
public class SubmissionResource {

  private final DraftService drafts;
  private final MyPlanService plans;
  private final CurrentPatient patient;

  public SubmissionResource(DraftService drafts, MyPlanService plans, CurrentPatient patient) {
    this.drafts = drafts;
    this.plans = plans;
    this.patient = patient;
  }

  /** Where a submitted draft is: on its way, with the clinical team (the portal copy is then gone), or done. */
  public enum Stage {
    SUBMITTED,
    WITH_CLINICAL_TEAM,
    /** A clinician has published the patient's plan. */
    COMPLETED
  }

  /** One submission as the patient sees it. */
  public record SubmissionView(UUID draftId, Stage stage, Instant submittedAt, Instant deliveredAt) {

    static SubmissionView of(SubmissionReceipt receipt, boolean planPublished) {
      Stage stage = receipt.deliveredAt == null ? Stage.SUBMITTED
          : planPublished ? Stage.COMPLETED : Stage.WITH_CLINICAL_TEAM;
      return new SubmissionView(receipt.draftId, stage, receipt.submittedAt, receipt.deliveredAt);
    }
  }

  @GET
  @Operation(summary = "My submitted drafts: on their way, with my clinical team, or completed (plan published)")
  @APIResponse(responseCode = "200", description = "My submissions")
  public Uni<List<SubmissionView>> mine() {
    return drafts.submissions(patient.get()).chain(receipts -> receipts.stream().noneMatch(r -> r.deliveredAt != null)
        ? Uni.createFrom().item(receipts.stream().map(r -> SubmissionView.of(r, false)).toList())
        : plans.planPublished(patient.get()).map(published -> receipts.stream()
            .map(r -> SubmissionView.of(r, published.orElse(false))).toList()));
  }
}
