package org.openucp.clinical.governance.service;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The information governance team's overdue and nearly-due deadlines as numbers, at
 * {@code /q/health/group/information-governance}, for monitoring to alert on. A group of its own, not readiness: an
 * overdue rights request is no reason to take a replica out of service.
 */
@HealthGroup("information-governance")
@ApplicationScoped
public class DeadlineHealth implements AsyncHealthCheck {

  private final InformationGovernance governance;

  public DeadlineHealth(InformationGovernance governance) {
    this.governance = governance;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return governance.counts(InformationGovernance.SOON).map(counts -> HealthCheckResponse.named("information-governance-deadlines").up()
        .withData("overdue", counts.overdue()).withData("dueWithin48Hours", counts.dueSoon()).build());
  }
}
