package org.openucp.clinical.retention.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionTrigger;
import org.openucp.clinical.retention.config.RetentionConfig;

/**
 * Applies the configured schedule: when a record's minimum retention period ends, and why. The one place the periods
 * are read: plans, complaints (whose "kept until" the complaint log shows) and breach-register incidents alike.
 */
@ApplicationScoped
public class RetentionSchedule {

  /**
   * Complaints and incidents count in days as they are in England: a complaint closed at 00:30 on 1 June (BST) was
   * closed on 1 June, as its handler would say.
   */
  static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  /** A record's minimum retention: its class, what it counts from, from when, until when, and the reasoning. */
  public record Retention(RecordClass recordClass, RetentionTrigger trigger, LocalDate startedOn,
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
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The retention schedule cannot be applied: " + String.join("; ", problems));
    }
    this.config = config;
  }

  /**
   * What in the configuration the schedule cannot apply: each class counts from the one event this service records
   * for it (a complaint's closure, an incident's occurrence), and a period is never negative.
   */
  public static List<String> problems(RetentionConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.complaintTrigger() != RetentionTrigger.CLOSURE) {
      problems.add("clinical.retention.complaint-trigger must be CLOSURE (the complaint log records when a complaint "
          + "is closed, and the Code counts from then), not " + config.complaintTrigger());
    }
    if (config.incidentTrigger() != RetentionTrigger.OCCURRENCE) {
      problems.add("clinical.retention.incident-trigger must be OCCURRENCE (the date of the incident), not "
          + config.incidentTrigger());
    }
    if (config.seriousIncidentTrigger() != RetentionTrigger.OCCURRENCE) {
      problems.add("clinical.retention.serious-incident-trigger must be OCCURRENCE (the date of the incident), not "
          + config.seriousIncidentTrigger());
    }
    if (config.adultPlan().trigger() != RetentionTrigger.LAST_SEEN
        && config.adultPlan().trigger() != RetentionTrigger.LAST_SEEN_OR_DEATH) {
      problems.add("clinical.retention.adult-plan.trigger must be LAST_SEEN_OR_DEATH or LAST_SEEN, not "
          + config.adultPlan().trigger());
    }
    notNegative(problems, "adult-plan.minimum", config.adultPlan().minimum());
    notNegative(problems, "complaint-minimum", config.complaintMinimum());
    notNegative(problems, "incident-minimum", config.incidentMinimum());
    notNegative(problems, "serious-incident-minimum", config.seriousIncidentMinimum());
    notNegative(problems, "audit-trail-minimum", config.auditTrailMinimum());
    if (config.seriousIncidentMinimum().toTotalMonths() < config.incidentMinimum().toTotalMonths()) {
      problems.add("clinical.retention.serious-incident-minimum must not be shorter than incident-minimum");
    }
    return problems;
  }

  private static void notNegative(List<String> problems, String name, Period period) {
    if (period.isNegative()) {
      problems.add("clinical.retention." + name + " must not be negative");
    }
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
  public Retention forPlan(LocalDate dateOfBirth, LocalDate lastSeen, LocalDate diedOn) {
    boolean fromDeath = diedOn != null && config.adultPlan().trigger() == RetentionTrigger.LAST_SEEN_OR_DEATH;
    LocalDate started = fromDeath ? diedOn : lastSeen;
    RetentionTrigger trigger = fromDeath ? RetentionTrigger.DEATH : RetentionTrigger.LAST_SEEN;
    String from = fromDeath ? "died on " + diedOn : "last seen on " + lastSeen;
    if (dateOfBirth != null && !dateOfBirth.isAfter(started)) {
      int age = Period.between(dateOfBirth, started).getYears();
      RetentionConfig.ChildPlan child = config.childPlan();
      if (age < child.adultFrom()) {
        int birthday = age == 17 ? child.untilBirthdayIf17WhenCareEnded() : child.untilBirthday();
        return new Retention(RecordClass.CHILD_PLAN, trigger, started, dateOfBirth.plusYears(birthday),
            "Child's plan: " + from + " aged " + age + ", kept until the " + ordinal(birthday) + " birthday");
      }
      return new Retention(RecordClass.ADULT_PLAN, trigger, started,
          started.plus(config.adultPlan().minimum()),
          "Adult's plan: " + from + " aged " + age + ", kept " + config.adultPlan().minimum() + " from then");
    }
    return new Retention(RecordClass.ADULT_PLAN, trigger, started, started.plus(config.adultPlan().minimum()),
        "Adult's plan (date of birth not recorded: check the person was not a child): " + from + ", kept "
            + config.adultPlan().minimum() + " from then");
  }

  /**
   * A closed complaint's minimum retention: from the day it was closed (the Code: "not closed until litigation
   * ends", so a complaint in litigation stays open, or is held).
   */
  public Retention forComplaint(Instant closedAt) {
    LocalDate closedOn = LocalDate.ofInstant(closedAt, ENGLAND);
    return new Retention(RecordClass.COMPLAINT, RetentionTrigger.CLOSURE, closedOn,
        closedOn.plus(config.complaintMinimum()),
        "Complaint: closed on " + closedOn + ", kept " + config.complaintMinimum() + " from then");
  }

  /**
   * A breach-register incident's minimum retention, from the day it happened, or, when that is not known, the day the
   * operator became aware of it (never earlier than the incident, so never destroyed sooner). It is a serious incident,
   * kept longer, once marked serious or once the ICO is to be notified of it: a breach that must be reported is
   * treated as one, and the register is evidence for any investigation that follows.
   *
   * @param notifiable whether the current decision is to notify the ICO
   */
  public Retention forIncident(Instant occurredAt, Instant awareAt, boolean markedSerious, boolean notifiable) {
    boolean serious = markedSerious || notifiable;
    LocalDate started = LocalDate.ofInstant(occurredAt != null ? occurredAt : awareAt, ENGLAND);
    Period minimum = serious ? config.seriousIncidentMinimum() : config.incidentMinimum();
    String from = occurredAt != null ? "happened on " + started
        : "happened on a day not known; the operator became aware on " + started;
    String why = !serious ? "Incident" : markedSerious ? "Serious incident (marked serious)"
        : "Serious incident (the ICO is to be notified)";
    return new Retention(serious ? RecordClass.SERIOUS_INCIDENT : RecordClass.INCIDENT, RetentionTrigger.OCCURRENCE,
        started, started.plus(minimum), why + ": " + from + ", kept " + minimum + " from then");
  }

  /** The last closure day whose complaints' minimum period has ended by today: no later closure need be read. */
  public LocalDate complaintsClosedBy(LocalDate today) {
    return today.minus(config.complaintMinimum());
  }

  /** The latest incident day whose minimum period may have ended by today: the shorter, not-serious one. */
  public LocalDate incidentsBy(LocalDate today) {
    return today.minus(config.incidentMinimum());
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
        "Complaint case file, kept apart from the plan: from the day it was closed"));
    rules.add(new Rule(RecordClass.INCIDENT, config.incidentTrigger(), config.incidentMinimum().toString(),
        "Incident in the breach register that is not serious: from the day it happened (the day the operator "
            + "became aware, when that is not known)"));
    rules.add(new Rule(RecordClass.SERIOUS_INCIDENT, config.seriousIncidentTrigger(),
        config.seriousIncidentMinimum().toString(), "Incident in the breach register marked serious, or one the ICO "
            + "is to be notified of; consider transfer to a Place of Deposit"));
    rules.add(new Rule(RecordClass.AUDIT_TRAIL, RetentionTrigger.LAST_RECORD_COVERED,
        config.auditTrailMinimum().toString(), "Audit trail: as long as the last record it covers, and at least "
            + config.auditTrailMinimum() + " after each event"));
    return rules;
  }

  /**
   * The schedule as a patient reads it, for the reply to their access request (Art 15(1)(d)): how long each record
   * about them is kept, from the configuration.
   */
  public String forPatients() {
    RetentionConfig.ChildPlan child = config.childPlan();
    boolean fromDeath = config.adultPlan().trigger() == RetentionTrigger.LAST_SEEN_OR_DEATH;
    return "An adult's plan is kept for " + inWords(config.adultPlan().minimum()) + " after the person was last seen"
        + (fromDeath ? " or died" : "") + ", a child's until their " + ordinal(child.untilBirthday()) + " birthday ("
        + ordinal(child.untilBirthdayIf17WhenCareEnded()) + " if they were 17 when care ended), following the NHS "
        + "Records Management Code of Practice; the record of who accessed it for as long as the plan, and at least "
        + inWords(config.auditTrailMinimum()) + ". An entry in the breach register that names you is kept for "
        + inWords(config.incidentMinimum()) + " from the incident, " + inWords(config.seriousIncidentMinimum())
        + " if it is a serious incident; a complaint for " + inWords(config.complaintMinimum()) + " after it is "
        + "closed. After that a record is destroyed only once our information governance team has reviewed it. "
        + "Withdrawing your consent deletes your plan.";
  }

  /** The period in words, for people: "8 years", "1 year and 6 months". */
  public static String inWords(Period period) {
    List<String> parts = new ArrayList<>();
    Period normalised = period.normalized();
    addUnit(parts, normalised.getYears(), "year");
    addUnit(parts, normalised.getMonths(), "month");
    addUnit(parts, normalised.getDays(), "day");
    return parts.isEmpty() ? "0 days" : String.join(" and ", parts);
  }

  private static void addUnit(List<String> parts, int count, String unit) {
    if (count != 0) {
      parts.add(count + " " + unit + (count == 1 ? "" : "s"));
    }
  }

  /** The configuration the schedule applies. */
  public RetentionConfig config() {
    return config;
  }

  static String ordinal(int number) {
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
