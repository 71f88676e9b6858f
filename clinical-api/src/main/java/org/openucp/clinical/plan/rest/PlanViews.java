package org.openucp.clinical.plan.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.consent.rest.ConsentResource.ConsentRequest;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;

/** The plan API's request and response bodies. */
public final class PlanViews {

  private PlanViews() {
  }

  /** Initiating a plan: whose, the consent it is held on (recorded in the same request), what it says so far. */
  public record InitiateRequest(@NotNull NhsNumber nhsNumber, @NotNull @Valid ConsentRequest consent,
      @Valid PlanContent content) {
  }

  /** Where a plan stands; draft details only for those who may see drafts. */
  public record PlanSummary(UUID planId, String nhsNumber, long revision, int latestVersion, Boolean hasDraft,
      Instant draftUpdatedAt, String owningOrganisation) {

    static PlanSummary of(PlanService.Summary summary) {
      var plan = summary.plan();
      return new PlanSummary(plan.id, plan.nhsNumber, plan.revision, plan.latestVersion,
          summary.draftVisible() ? plan.hasDraft() : null, summary.draftVisible() ? plan.draftUpdatedAt : null,
          plan.owningOrganisation);
    }
  }

  /** The working draft; send {@code revision} back in If-Match. */
  public record DraftView(UUID planId, String nhsNumber, long revision, int latestVersion, Instant updatedAt,
      String updatedBy, PlanContent content) {

    static DraftView of(PlanService.Draft draft) {
      var plan = draft.plan();
      return new DraftView(plan.id, plan.nhsNumber, plan.revision, plan.latestVersion, plan.draftUpdatedAt,
          plan.draftUpdatedBy, draft.content());
    }
  }

  /** Who published a version, when, acting in which role for which organisation. */
  /** Who published a version, when, in what role and for which organisation; and why, when it is a correction. */
  public record VersionStamp(int version, Instant publishedAt, String publishedBy, String publishedByName,
      String roleCode, String roleName, String organisation, String organisationName, String correctionReason) {

    static VersionStamp of(PlanVersion version) {
      return new VersionStamp(version.version, version.publishedAt, version.publishedBy, version.publishedByName,
          version.roleCode, version.roleName, version.organisation, version.organisationName,
          version.correctionReason);
    }
  }

  /** The patient's own comment on an opinion in the plan that they dispute. */
  public record PatientCommentView(String text, Instant recordedAt) {
  }

  /** A published version with its content. */
  public record PublishedView(UUID planId, String nhsNumber, int latestVersion, VersionStamp stamp,
      PlanContent content, List<PatientCommentView> patientComments) {

    static PublishedView of(PlanService.Published published) {
      return new PublishedView(published.plan().id, published.plan().nhsNumber, published.plan().latestVersion,
          VersionStamp.of(published.version()), published.content(), published.comments().stream()
          .map(comment -> new PatientCommentView(comment.text, comment.recordedAt)).toList());
    }
  }

  /** The result of publishing: the new version and warnings to review (they did not block publication). */
  public record PublicationView(UUID planId, long revision, VersionStamp published, List<String> warnings) {

    static PublicationView of(PlanService.Publication publication) {
      return new PublicationView(publication.plan().id, publication.plan().revision,
          VersionStamp.of(publication.version()), publication.warnings());
    }
  }
}
