package org.openucp.clinical.plan.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.openucp.clinical.flag.service.FlagFeed;
import org.openucp.clinical.nrl.service.NrlPointers;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.plan.repository.PatientCommentRepository;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.clinical.urgentcare.repository.PublishedPlanRepository;
import org.openucp.clinical.urgentcare.service.CrisisViews;
import org.openucp.model.plan.PlanContent;

/**
 * What publishing and withdrawal change for urgent care, in the same transaction as the plan: the lookup index with
 * the version's crisis view, the identifier feed and the NRL pointer. Nothing urgent care can find ever disagrees
 * with the plans.
 */
@ApplicationScoped
public class PublicationEffects {

  private final PublishedPlanRepository index;
  private final FlagFeed feed;
  private final NrlPointers pointers;
  private final CrisisViews views;
  private final PatientCommentRepository comments;

  public PublicationEffects(PublishedPlanRepository index, FlagFeed feed, NrlPointers pointers, CrisisViews views,
      PatientCommentRepository comments) {
    this.comments = comments;
    this.index = index;
    this.feed = feed;
    this.pointers = pointers;
    this.views = views;
  }

  public Uni<Void> published(CarePlan plan, PlanVersion version, PlanContent content) {
    return comments.forPlan(plan.id).chain(patientComments -> index.findById(plan.id)
        .chain(found -> {
          PublishedPlan entry = found == null ? new PublishedPlan() : found;
          entry.planId = plan.id;
          entry.nhsNumber = plan.nhsNumber;
          entry.version = version.version;
          entry.owningOrganisation = plan.owningOrganisation;
          entry.publishedAt = version.publishedAt;
          entry.describe(content);
          entry.crisisView = views.render(plan.nhsNumber, version, content, CrisisViews.comments(patientComments));
          entry.crisisViewFormat = CrisisViews.FORMAT;
          return index.persist(entry);
        }))
        .chain(() -> feed.published(plan.nhsNumber, version.version, content))
        .chain(() -> pointers.published(plan.id, plan.nhsNumber, version.version, plan.owningOrganisation,
            version.organisation))
        .replaceWithVoid();
  }

  /**
   * Takes the plan out of everything urgent care reads (the crisis index and its views, the flag feed, NRL), keeping
   * the plan itself: while the patient restricts the use of their data. {@link #published} brings it back.
   */
  public Uni<Void> hidden(CarePlan plan) {
    if (!plan.isPublished()) {
      return Uni.createFrom().voidItem();
    }
    return index.delete("planId", plan.id)
        .chain(() -> pointers.removed(plan.id))
        .chain(() -> feed.removed(plan.nhsNumber))
        .replaceWithVoid();
  }

  /** Before the plan is deleted (which takes its index entry and pointers with it): tell the feed. */
  public Uni<Void> withdrawn(CarePlan plan) {
    return plan.isPublished() ? feed.removed(plan.nhsNumber).replaceWithVoid() : Uni.createFrom().voidItem();
  }
}
