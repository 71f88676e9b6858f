package org.openucp.clinical.retention.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionTrigger;
import org.openucp.clinical.retention.config.RetentionConfig;

/** Applies the configured schedule: when a record's minimum retention period ends, and why. */
@ApplicationScoped
public class RetentionSchedule {

  /** A plan's minimum retention: its class, what it counts from, from when, until when, and the reasoning. */
  public record PlanRetention(RecordClass recordClass, RetentionTrigger trigger, LocalDate startedOn,
      LocalDate endsOn, String basis) {

    public boolean endedBy(LocalDate day) {
      return !endsOn.isAfter(day);
    }
  }

  /** One row of the schedule as information governance reads it. */
  public record Rule(RecordClass recordClass, RetentionTrigger trigger, String minimum, String description) {
  }

  private final RetentionConfig config;

  public RetentionSchedule(RetentionConfig config) {
    this.config = config;
  }

  /**
   * A plan's minimum retention. It counts from the person's death once one is recorded (when the adult trigger
   * includes death), otherwise from when they were last seen; a person under 18 then is a child, whose plan is kept
   * until their 25th birthday, or 26th if they were 17. Without a date of birth the adult rule applies, and the basis
   * says so for the appraisal to check.
   *
   * @param dateOfBirth from the plan, if recorded
   * @param lastSeen the day the person was last seen (see {@link PlanRetentionFacts})
   * @param diedOn the day they died, if recorded
   */
  public PlanRetention forPlan(LocalDate dateOfBirth, LocalDate lastSeen, LocalDate diedOn) {
    boolean fromDeath = diedOn != null && config.adultPlan().trigger() == RetentionTrigger.LAST_SEEN_OR_DEATH;
    LocalDate started = fromDeath ? diedOn : lastSeen;
    RetentionTrigger trigger = fromDeath ? RetentionTrigger.DEATH : RetentionTrigger.LAST_SEEN;
    String from = fromDeath ? "died on " + diedOn : "last seen on " + lastSeen;
    if (dateOfBirth != null && !dateOfBirth.isAfter(started)) {
      int age = Period.between(dateOfBirth, started).getYears();
      RetentionConfig.ChildPlan child = config.childPlan();
      if (age < child.adultFrom()) {
        int birthday = age == 17 ? child.untilBirthdayIf17WhenCareEnded() : child.untilBirthday();
        return new PlanRetention(RecordClass.CHILD_PLAN, trigger, started, dateOfBirth.plusYears(birthday),
            "Child's plan: " + from + " aged " + age + ", kept until the " + ordinal(birthday) + " birthday");
      }
      return new PlanRetention(RecordClass.ADULT_PLAN, trigger, started,
          started.plus(config.adultPlan().minimum()),
          "Adult's plan: " + from + " aged " + age + ", kept " + config.adultPlan().minimum() + " from then");
    }
    return new PlanRetention(RecordClass.ADULT_PLAN, trigger, started, started.plus(config.adultPlan().minimum()),
        "Adult's plan (date of birth not recorded: check the person was not a child): " + from + ", kept "
            + config.adultPlan().minimum() + " from then");
  }

  /**
   * The shortest time any plan is kept after it was last worked on: no plan last seen more recently can be due, so
   * the job reads only older ones. A child's plan is kept at least until the birthday after they would have turned
   * 18, counted from 17.
   */
  public Period shortestPlanRetention() {
    RetentionConfig.ChildPlan child = config.childPlan();
    int childYears = Math.min(child.untilBirthday() - child.adultFrom() + 1,
        child.untilBirthdayIf17WhenCareEnded() - child.adultFrom());
    Period adult = config.adultPlan().minimum();
    return adult.toTotalMonths() <= childYears * 12L ? adult : Period.ofYears(Math.max(0, childYears));
  }

  /** The schedule as configured. */
  public List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    RetentionConfig.ChildPlan child = config.childPlan();
    rules.add(new Rule(RecordClass.ADULT_PLAN, config.adultPlan().trigger(), config.adultPlan().minimum().toString(),
        "Urgent care plan of a person 18 or over when care ended: from when they were last seen or died"));
    rules.add(new Rule(RecordClass.CHILD_PLAN, RetentionTrigger.LAST_SEEN, null,
        "Urgent care plan of a person under " + child.adultFrom() + " when care ended: until their "
            + ordinal(child.untilBirthday()) + " birthday, or " + ordinal(child.untilBirthdayIf17WhenCareEnded())
            + " if they were 17"));
    rules.add(new Rule(RecordClass.COMPLAINT, config.complaintTrigger(), config.complaintMinimum().toString(),
        "Complaint case file, kept apart from the plan"));
    rules.add(new Rule(RecordClass.INCIDENT, config.incidentTrigger(), config.incidentMinimum().toString(),
        "Incident that is not serious"));
    rules.add(new Rule(RecordClass.SERIOUS_INCIDENT, config.seriousIncidentTrigger(),
        config.seriousIncidentMinimum().toString(), "Serious incident; consider transfer to a Place of Deposit"));
    rules.add(new Rule(RecordClass.AUDIT_TRAIL, RetentionTrigger.LAST_RECORD_COVERED,
        config.auditTrailMinimum().toString(), "Audit trail: as long as the last record it covers, and at least "
            + config.auditTrailMinimum() + " after each event"));
    return rules;
  }

  private static String ordinal(int number) {
    int lastTwo = number % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
        : switch (number % 10) {
          case 1 -> "st";
          case 2 -> "nd";
          case 3 -> "rd";
          default -> "th";
        };
    return number + suffix;
  }
}
