package org.openucp.clinical.retention.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Checks the retention schedule when the service starts, so that a schedule it cannot apply stops the start rather
 * than the first appraisal run. It also looks for {@code clinical.complaints.retention}, the complaint log's own
 * setting before the schedule became the one source: left set to another period than the schedule's, it would
 * silently stop applying, so the service refuses to start and names the setting to use.
 */
@ApplicationScoped
public class ScheduleCheck {

  /** The setting the schedule's {@code clinical.retention.complaint-minimum} replaced. */
  static final String FORMER_COMPLAINT_RETENTION = "clinical.complaints.retention";

  private static final Logger LOG = Logger.getLogger(ScheduleCheck.class);

  private final RetentionSchedule schedule;
  private final Config config;

  public ScheduleCheck(RetentionSchedule schedule, Config config) {
    this.schedule = schedule;
    this.config = config;
  }

  void onStart(@Observes StartupEvent started) {
    Optional<String> former = config.getOptionalValue(FORMER_COMPLAINT_RETENTION, String.class);
    String problem = formerComplaintRetention(former, schedule.config().complaintMinimum());
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    if (former.isPresent()) {
      LOG.warnf("%s is no longer read: clinical.retention.complaint-minimum (%s) says how long a closed complaint "
          + "is kept. Remove the old setting.", FORMER_COMPLAINT_RETENTION, schedule.config().complaintMinimum());
    }
  }

  /**
   * Why the service must not start with the former complaint setting, or null when it may: not set, or set to the
   * period the schedule applies anyway.
   */
  public static String formerComplaintRetention(Optional<String> former, Period complaintMinimum) {
    if (former.isEmpty() || former.get().isBlank()) {
      return null;
    }
    try {
      if (Period.parse(former.get().strip()).equals(complaintMinimum)) {
        return null;
      }
    } catch (DateTimeParseException unreadable) {
      // Named below like any other value that differs.
    }
    return FORMER_COMPLAINT_RETENTION + " (CLINICAL_COMPLAINTS_RETENTION) is set to " + former.get().strip()
        + " but is no longer read: how long a closed complaint is kept is clinical.retention.complaint-minimum "
        + "(CLINICAL_RETENTION_COMPLAINT_MINIMUM), now " + complaintMinimum + ". Set that to the period you want "
        + "and remove the old setting.";
  }
}
