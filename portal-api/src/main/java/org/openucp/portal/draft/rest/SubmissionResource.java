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
  private final CurrentPatient patient;

  public SubmissionResource(DraftService drafts, CurrentPatient patient) {
    this.drafts = drafts;
    this.patient = patient;
  }

  /** Where a submitted draft is: on its way, or with the clinical team (the portal copy is then gone). */
  public enum Stage {
    SUBMITTED,
    WITH_CLINICAL_TEAM
  }

  /** One submission as the patient sees it. */
  public record SubmissionView(UUID draftId, Stage stage, Instant submittedAt, Instant deliveredAt) {

    static SubmissionView of(SubmissionReceipt receipt) {
      return new SubmissionView(receipt.draftId,
          receipt.deliveredAt == null ? Stage.SUBMITTED : Stage.WITH_CLINICAL_TEAM, receipt.submittedAt,
          receipt.deliveredAt);
    }
  }

  @GET
  @Operation(summary = "My submitted drafts and whether each has reached my clinical team, newest first")
  @APIResponse(responseCode = "200", description = "My submissions")
  public Uni<List<SubmissionView>> mine() {
    return drafts.submissions(patient.get()).map(list -> list.stream().map(SubmissionView::of).toList());
  }
}
