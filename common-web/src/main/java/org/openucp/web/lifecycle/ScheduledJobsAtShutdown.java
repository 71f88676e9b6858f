package org.openucp.web.lifecycle;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Starts no new run of any scheduled job once shutdown has begun: from the start of the shutdown delay (while the
 * service still answers requests and Kubernetes takes it out of its endpoints), or at shutdown itself when there is
 * no delay. Runs under way carry on; what they leave unfinished is transactional, or released by its owner (the
 * portal's relay hands back its claims).
 */
@ApplicationScoped
public class ScheduledJobsAtShutdown {

  private static final Logger LOG = Logger.getLogger(ScheduledJobsAtShutdown.class);

  private final Instance<Scheduler> scheduler;

  public ScheduledJobsAtShutdown(Instance<Scheduler> scheduler) {
    this.scheduler = scheduler;
  }

  void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
    pause();
  }

  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    pause();
  }

  private void pause() {
    if (scheduler.isResolvable() && scheduler.get().isRunning()) {
      scheduler.get().pause();
      LOG.info("Shutting down: scheduled jobs start no new runs");
    }
  }
}
