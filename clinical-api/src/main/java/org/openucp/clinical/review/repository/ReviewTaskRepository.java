package org.openucp.clinical.review.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.review.ReviewTask;
import org.openucp.clinical.urgentcare.PublishedPlan;

@ApplicationScoped
public class ReviewTaskRepository implements PanacheRepositoryBase<ReviewTask, UUID> {

  /**
   * Records a task for the plan's current review date unless one exists: whichever replica gets there first
   * creates it, the others insert nothing. Emits whether this call created it.
   */
  public Uni<Boolean> createOnce(PublishedPlan plan, Instant now) {
    return getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO review_task (id, plan_id, nhs_number, organisation, review_date, created_at)
            VALUES (:id, :planId, :nhsNumber, :organisation, :reviewDate, :now)
            ON CONFLICT ON CONSTRAINT review_task_once DO NOTHING
            """)
        .setParameter("id", UUID.randomUUID())
        .setParameter("planId", plan.planId)
        .setParameter("nhsNumber", plan.nhsNumber)
        .setParameter("organisation", plan.owningOrganisation)
        .setParameter("reviewDate", plan.plannedReviewDate)
        .setParameter("now", now)
        .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /** The organisation's reminders whose review date is still the plan's current one (a newer review clears them). */
  public Uni<List<ReviewTask>> openFor(String organisation) {
    return find("""
        from ReviewTask t where t.organisation = ?1 and exists (select 1 from PublishedPlan p
          where p.planId = t.planId and p.plannedReviewDate = t.reviewDate) order by t.reviewDate""", organisation)
        .list();
  }

  /** How many reminders are open across every organisation: a number for monitoring, naming nobody. */
  public Uni<Long> countOpen() {
    return count("""
        exists (select 1 from PublishedPlan p where p.planId = planId and p.plannedReviewDate = reviewDate)""");
  }
}
