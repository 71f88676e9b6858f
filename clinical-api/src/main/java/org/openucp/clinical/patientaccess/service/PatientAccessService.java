package org.openucp.clinical.patientaccess.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.patientaccess.security.PatientProofs.Viewer;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.clinical.urgentcare.repository.PublishedPlanRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.ProblemException;

/**
 * What the portal may do for a patient or their proxy whose own sign-in it has proven: read the published plan
 * (never a draft), see who accessed it, and learn whether a plan is published. Each view is audited as the proven
 * person's, and only ever for the patient their proof names.
 */
@ApplicationScoped
public class PatientAccessService {

  private final PublishedPlanRepository published;
  private final SubmittedDraftRepository submissions;
  private final AuditRepository auditEvents;
  private final PlanContentCodec codec;
  private final AuditContext audit;

  public PatientAccessService(PublishedPlanRepository published, SubmittedDraftRepository submissions,
      AuditRepository auditEvents, PlanContentCodec codec, AuditContext audit) {
    this.published = published;
    this.submissions = submissions;
    this.auditEvents = auditEvents;
    this.codec = codec;
    this.audit = audit;
  }

  /** A published plan as its patient (or proxy) reads it. */
  public record PatientView(PublishedPlan entry, PlanVersion version, PlanContent content) {
  }

  @WithSession
  public Uni<PatientView> plan(NhsNumber patient, Viewer viewer) {
    on(patient, viewer);
    return published.findWithVersion(patient)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("A published plan"))
        .map(found -> {
          audit.plan(found.entry().planId, found.entry().version);
          return new PatientView(found.entry(), found.version(), codec.read(found.version().content));
        });
  }

  /** Whether the patient has a published plan, and where each of their submissions stands. */
  @Schema(name = "PatientAccessStatus")
  public record Status(PublishedPlan published, List<SubmittedDraftRecord> submissions) {
  }

  @WithSession
  public Uni<Status> status(NhsNumber patient, Viewer viewer) {
    on(patient, viewer);
    return published.findByPatient(patient)
        .chain(entry -> submissions.ofPatient(patient).map(found -> new Status(entry, found)));
  }

  /**
   * Who from which organisation opened or changed the patient's record, newest first: staff only, every successful
   * access, a page at a time.
   */
  @WithSession
  public Uni<Slice<AuditEvent>> accessLog(NhsNumber patient, Viewer viewer, int page, int size) {
    on(patient, viewer);
    return auditEvents.staffAccessesOf(patient, page, size);
  }

  /** Records who is asking about whom; refuses a proof that names another patient than the path. */
  public void on(NhsNumber patient, Viewer viewer) {
    audit.patient(patient);
    audit.onBehalfOf(viewer.kind(), viewer.subject());
    if (!viewer.patient().equals(patient)) {
      throw ProblemException.forbidden("not-this-patient", "The signed-in person may not see this patient's record");
    }
  }
}
