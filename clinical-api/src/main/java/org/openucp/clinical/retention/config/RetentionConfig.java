package org.openucp.clinical.retention.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Period;
import org.openucp.clinical.retention.RetentionTrigger;

/**
 * The retention schedule, from the NHS Records Management Code of Practice 2021 (Appendix II, Table B): for each
 * record class, what the minimum period counts from and how long it is. The periods are minimums: a record is put on
 * the appraisal list once its period has ended, and kept until an appraisal decides (see docs/governance.md §2).
 */
@ConfigMapping(prefix = "clinical.retention")
public interface RetentionConfig {

  /** How often the appraisal job runs ({@code off} to leave it to other replicas). */
  @WithDefault("6h")
  String interval();

  /** How long information governance has to appraise a record once it is listed, for the deadlines view. */
  @WithDefault("P90D")
  Period appraiseWithin();

  /** An adult's plan: 8 years after the person was last seen, or after their death. */
  AdultPlan adultPlan();

  /** A child's plan: until their 25th birthday, or their 26th if they were 17 when care ended. */
  ChildPlan childPlan();

  /**
   * Complaint case files: 10 years after closure. The one setting for it: the complaint log shows the date it gives
   * (the complaint log's own {@code clinical.complaints.retention} is no longer read, see ScheduleCheck).
   */
  @WithDefault("CLOSURE")
  RetentionTrigger complaintTrigger();

  @WithDefault("P10Y")
  Period complaintMinimum();

  /** Incidents in the breach register: 10 years after the incident. */
  @WithDefault("OCCURRENCE")
  RetentionTrigger incidentTrigger();

  @WithDefault("P10Y")
  Period incidentMinimum();

  /** Serious incidents (marked serious, or the ICO to be notified): 20 years after the incident. */
  @WithDefault("OCCURRENCE")
  RetentionTrigger seriousIncidentTrigger();

  @WithDefault("P20Y")
  Period seriousIncidentMinimum();

  /**
   * The audit trail is kept as long as the last record it covers. An event about a patient may go once no record of
   * theirs is held (destroyed, withdrawn, never made) and no hold is on them; every event, with or without a
   * patient, is kept at least this long after it happened, for complaints and investigations about access.
   */
  @WithDefault("P8Y")
  Period auditTrailMinimum();

  /** The adult rule. */
  interface AdultPlan {

    /** {@code LAST_SEEN_OR_DEATH} (the Code) or {@code LAST_SEEN} (a recorded death does not start the period). */
    @WithDefault("LAST_SEEN_OR_DEATH")
    RetentionTrigger trigger();

    @WithDefault("P8Y")
    Period minimum();
  }

  /** The child rule: until a birthday rather than for a period. */
  interface ChildPlan {

    /** The age from which the adult rule applies, at the time care ended. */
    @WithDefault("18")
    int adultFrom();

    @WithDefault("25")
    int untilBirthday();

    /** The birthday kept to when the person was 17 when care ended. */
    @WithName("until-birthday-if-17-when-care-ended")
    @WithDefault("26")
    int untilBirthdayIf17WhenCareEnded();
  }
}
