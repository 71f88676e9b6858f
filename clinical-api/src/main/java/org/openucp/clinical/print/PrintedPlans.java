package org.openucp.clinical.print;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.urgentcare.service.CrisisViews;
import org.openucp.model.identity.NhsNumber;

/** Printed plans, read with the same checks as the published version they print. */
@ApplicationScoped
public class PrintedPlans {

  private final PlanService plans;
  private final Clock clock;

  public PrintedPlans(PlanService plans, Clock clock) {
    this.plans = plans;
    this.clock = clock;
  }

  /** The PDF of a published version as it stands today. */
  public Uni<byte[]> printed(NhsNumber patient, int version) {
    // Laying out pages and subsetting fonts takes tens of milliseconds: not on the event loop.
    return plans.published(patient, version)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(published -> PlanPdf.render(published.plan().nhsNumber, published.version(), published.content(),
            CrisisViews.comments(published.comments()), LocalDate.now(clock)));
  }
}
