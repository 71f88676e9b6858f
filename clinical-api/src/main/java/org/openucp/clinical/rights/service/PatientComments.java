package org.openucp.clinical.rights.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PatientComment;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PatientCommentRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.repository.RightsRequestRepository;
import org.openucp.clinical.urgentcare.repository.PublishedPlanRepository;
import org.openucp.clinical.urgentcare.service.CrisisViews;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;

/**
 * A rectification request about a clinical opinion the patient disputes: the opinion is not overwritten (it is the
 * clinician's record), but the patient's own comment is attached to the plan and shown with it wherever it is read.
 */
@ApplicationScoped
public class PatientComments {

  private final RightsRequestRepository requests;
  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final PatientCommentRepository comments;
  private final PublishedPlanRepository index;
  private final CrisisViews views;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public PatientComments(RightsRequestRepository requests, CarePlanRepository plans, PlanVersionRepository versions,
      PatientCommentRepository comments, PublishedPlanRepository index, CrisisViews views, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.requests = requests;
    this.plans = plans;
    this.versions = versions;
    this.comments = comments;
    this.index = index;
    this.views = views;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Attaches the patient's comment to their plan, for an open rectification request, and shows it to urgent care. */
  @WithTransaction
  public Uni<PatientComment> add(UUID requestId, String text) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> requests.findById(requestId)
        .chain(request -> {
          if (request == null) {
            throw ProblemException.notFound("A rights request with this id");
          }
          NhsNumber patient = NhsNumber.of(request.nhsNumber);
          audit.patient(patient);
          if (request.kind != RightsRequest.Kind.RECTIFICATION || !request.isOpen()) {
            throw ProblemException.conflict("not-an-open-rectification", "Not an open rectification request",
                "A patient's comment answers an open rectification request; this one is " + request.kind + ", "
                    + request.status);
          }
          return plans.findByPatient(patient).chain(plan -> {
            if (plan == null) {
              throw ProblemException.notFound("A plan for this NHS number");
            }
            audit.plan(plan.id, null);
            PatientComment comment = new PatientComment();
            comment.id = UUID.randomUUID();
            comment.planId = plan.id;
            comment.text = text;
            comment.rightsRequestId = requestId;
            comment.recordedAt = clock.instant();
            comment.recordedBy = staff.id();
            return comments.persistAndFlush(comment).call(() -> showToUrgentCare(plan));
          });
        }));
  }

  /** Renders the stored crisis view again with the comment, when urgent care can read the plan at all. */
  private Uni<Void> showToUrgentCare(CarePlan plan) {
    return index.findById(plan.id).chain(entry -> {
      if (entry == null) {
        return Uni.createFrom().voidItem();
      }
      return versions.findVersion(plan.id, entry.version)
          .chain(version -> comments.forPlan(plan.id).invoke(all -> {
            entry.crisisView = views.render(plan.nhsNumber, version, CrisisViews.comments(all)).view();
            entry.crisisViewFormat = CrisisViews.FORMAT;
          }))
          .replaceWithVoid();
    });
  }
}
