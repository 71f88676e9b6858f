package org.openucp.clinical.urgentcare.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.openucp.web.problem.ProblemException;

/**
 * How long crisis lookups by NHS number take, by what urgent care was told: the plan, no plan (also when the patient
 * restricted its use: urgent care hears the same), refused, or the service could not answer.
 */
final class LookupTimers {

  private final Timer found;
  private final Timer noPlan;
  private final Timer refused;
  private final Timer failed;

  LookupTimers(MeterRegistry registry) {
    found = timer(registry, "found");
    noPlan = timer(registry, "no_plan");
    refused = timer(registry, "refused");
    failed = timer(registry, "failed");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("openucp.crisis.lookups").description("Crisis lookups by NHS number, by outcome")
        .tag("outcome", outcome).publishPercentileHistogram().register(registry);
  }

  void record(long startedNanos, Throwable failure) {
    timerFor(failure).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  private Timer timerFor(Throwable failure) {
    if (failure == null) {
      return found;
    }
    if (failure instanceof ProblemException problem) {
      int status = problem.problem().status();
      if (status == 404) {
        return noPlan;
      }
      if (status == 401 || status == 403) {
        return refused;
      }
    }
    return failed;
  }
}
