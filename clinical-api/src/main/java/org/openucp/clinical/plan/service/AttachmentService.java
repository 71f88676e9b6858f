package org.openucp.clinical.plan.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.plan.Attachment;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** Documents attached to a plan, such as a signed ADRT: PDF or an image of the paper form. */
@ApplicationScoped
public class AttachmentService {

  static final int MAX_BYTES = 5 * 1024 * 1024;

  private final AttachmentRepository attachments;
  private final PlanVersionRepository versions;
  private final PlanContentCodec codec;
  private final PlanService planService;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public AttachmentService(AttachmentRepository attachments, PlanVersionRepository versions, PlanContentCodec codec,
      PlanService planService, AccessGuard access, AuditContext audit, Clock clock) {
    this.attachments = attachments;
    this.versions = versions;
    this.codec = codec;
    this.planService = planService;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Attachment> attach(NhsNumber patient, String mediaType, String fileName, byte[] content) {
    audit.patient(patient);
    if (!DocumentTypes.accepts(mediaType)) {
      return Uni.createFrom().failure(new ProblemException(Problem.of("unsupported-document",
          "Unsupported document", 415, "Attach a PDF, JPEG or PNG document")));
    }
    if (content == null || content.length == 0) {
      return Uni.createFrom().failure(ProblemException.badRequest("document-size", "The document is empty"));
    }
    if (content.length > MAX_BYTES) {
      return Uni.createFrom().failure(new ProblemException(Problem.of("document-size", "Document too large", 413,
          "A document may be at most 5 MB; this one is " + content.length / 1024 + " kB")));
    }
    if (!DocumentTypes.matches(mediaType, content)) {
      return Uni.createFrom().failure(new ProblemException(Problem.of("unsupported-document", "Unsupported document",
          415, "The content is not a " + DocumentTypes.name(mediaType) + ": it was sent as " + mediaType
          + " but does not start as one. Send the document itself, with its own type")));
    }
    return access.require(Permission.EDIT).chain(staff -> planService.inCareTeam(staff, patient).chain(plan -> {
      Attachment attachment = new Attachment();
      attachment.id = UUID.randomUUID();
      attachment.planId = plan.id;
      attachment.mediaType = mediaType;
      attachment.fileName = fileName;
      attachment.content = content;
      attachment.uploadedAt = clock.instant();
      attachment.uploadedBy = staff.id();
      return attachments.persist(attachment);
    }));
  }

  /**
   * A document of the plan: any of them for its care team's authors; for every other reader, only a document that a
   * published version refers to (a draft's attachments are not published).
   */
  @WithSession
  public Uni<Attachment> read(NhsNumber patient, UUID id) {
    audit.patient(patient);
    return access.require(Permission.VIEW_PUBLISHED).chain(staff -> planService.existing(staff, patient).chain(plan ->
            planService.draftsVisible(staff, plan)
                .chain(seesDrafts -> seesDrafts ? Uni.createFrom().item(true) : publishedReferTo(plan, id))
                .chain(visible -> visible ? attachments.findForPlan(plan.id, id) : Uni.createFrom().nullItem())))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Document " + id + " of this plan"));
  }

  /** Whether a published version of the plan refers to the document (as its ADRT's attachment). */
  private Uni<Boolean> publishedReferTo(CarePlan plan, UUID id) {
    return versions.history(plan.id).map(published -> published.stream()
        .map(version -> codec.read(version.content).adrt())
        .anyMatch(adrt -> adrt != null && adrt.attachmentId() != null
            && id.toString().equalsIgnoreCase(adrt.attachmentId().strip())));
  }

}
