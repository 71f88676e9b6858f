package org.openucp.portal.draft.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /** Where a submitted draft is: on its way, with the clinical team (the portal copy is then gone), done, or erased. */
  public enum Stage {
    SUBMITTED,
    /** Delivered to the chosen organisation; stays so until a clinician has taken it into a published plan. */
    WITH_CLINICAL_TEAM,
    /** A clinician took it into the patient's plan and published the plan since. */
    COMPLETED,
    /** Consent was withdrawn: the submission was erased. */
    ERASED
  }

  /** One submission as the patient sees it. */
  public record SubmissionView(UUID draftId, Stage stage, Instant submittedAt, Instant deliveredAt,
      Instant erasedAt) {

    /** The stage of this submission, from the portal's receipt and, when it could be read, the clinical status. */
    static SubmissionView of(SubmissionReceipt receipt, Optional<JsonNode> clinical) {
      return new SubmissionView(receipt.draftId, stageOf(receipt, clinical), receipt.submittedAt,
          receipt.deliveredAt, receipt.erasedAt);
    }

    private static Stage stageOf(SubmissionReceipt receipt, Optional<JsonNode> clinical) {
      if (receipt.erasedAt != null) {
        return Stage.ERASED;
      }
      if (receipt.deliveredAt == null) {
        return Stage.SUBMITTED;
      }
      if (clinical.isEmpty()) {
        return Stage.WITH_CLINICAL_TEAM;
      }
      JsonNode status = clinical.get();
      JsonNode held = null;
      for (JsonNode submission : status.path("submissions")) {
        if (receipt.draftId.toString().equals(submission.path("draftId").asText())) {
          held = submission;
        }
      }
      if (held == null) {
        return Stage.ERASED;
      }
      if (held.path("claimedAt").isTextual() && status.path("published").asBoolean(false)
          && Instant.parse(status.path("publishedAt").asText()).isAfter(Instant.parse(held.path("claimedAt").asText()))) {
        return Stage.COMPLETED;
      }
      return Stage.WITH_CLINICAL_TEAM;
    }
  }

  @GET
  @Operation(summary = "My submitted drafts: on their way, with my clinical team, completed (taken into my published "
      + "plan) or erased")
  @APIResponse(responseCode = "200", description = "My submissions")
  public Uni<List<SubmissionView>> mine() {
    return drafts.submissions(patient.get()).chain(receipts -> receipts.stream()
            .noneMatch(r -> r.deliveredAt != null && r.erasedAt == null)
        ? Uni.createFrom().item(receipts.stream().map(r -> SubmissionView.of(r, Optional.empty())).toList())
        : plans.clinicalStatus(patient.get()).map(status -> receipts.stream()
            .map(r -> SubmissionView.of(r, status)).toList()));
  }
}
