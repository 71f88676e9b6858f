package org.openucp.portal.draft.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.draft.SubmissionStage;
import org.openucp.portal.draft.service.SubmissionStages;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.portal.transfer.SubmissionReceipt;
import org.openucp.web.paging.Page;

@Path("/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "Drafts")
@SecurityRequirement(name = "nhslogin")
public class SubmissionResource {

  private final SubmissionStages stages;
  private final CurrentPatient patient;

  public SubmissionResource(SubmissionStages stages, CurrentPatient patient) {
    this.stages = stages;
    this.patient = patient;
  }

  /** One submission as the patient sees it. */
  public record SubmissionView(UUID draftId, SubmissionStage stage, Instant submittedAt, Instant deliveredAt,
      Instant erasedAt) {

    static SubmissionView of(SubmissionStages.Staged staged) {
      SubmissionReceipt receipt = staged.receipt();
      return new SubmissionView(receipt.draftId, staged.stage(), receipt.submittedAt, receipt.deliveredAt,
          receipt.erasedAt);
    }
  }

  @GET
  @Operation(summary = "My submitted drafts: on their way, with my clinical team, completed (taken into my published "
      + "plan) or erased")
  @APIResponse(responseCode = "200", description = "My submissions")
  public Uni<Page<SubmissionView>> listMySubmissions(UriInfo request) {
    return stages.of(patient.get())
        .map(staged -> Page.complete(staged.stream().map(SubmissionView::of).toList(), request));
  }
}
