package org.openucp.clinical.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.retention.config.RetentionConfig;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.clinical.retention.service.RetentionSchedule.PlanRetention;

/** The schedule's rules for plans (Records Management Code, Table B), on the defaults. */
class RetentionScheduleTest {

  private final RetentionSchedule schedule = new RetentionSchedule(defaults(RetentionTrigger.LAST_SEEN_OR_DEATH));

  @Test
  void shouldKeepAnAdultsPlanEightYearsAfterTheyWereLastSeen() {
    PlanRetention retention = schedule.forPlan(LocalDate.parse("1948-03-12"), LocalDate.parse("2016-05-01"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.ADULT_PLAN);
    assertThat(retention.trigger()).isEqualTo(RetentionTrigger.LAST_SEEN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2024-05-01"));
  }

  @Test
  void shouldCountFromTheDeathOnceOneIsRecorded() {
    PlanRetention retention = schedule.forPlan(LocalDate.parse("1948-03-12"), LocalDate.parse("2026-11-01"),
        LocalDate.parse("2015-02-03"));

    assertThat(retention.trigger()).isEqualTo(RetentionTrigger.DEATH);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2023-02-03"));
  }

  @Test
  void shouldIgnoreADeathWhenTheScheduleCountsFromLastSeenOnly() {
    RetentionSchedule lastSeenOnly = new RetentionSchedule(defaults(RetentionTrigger.LAST_SEEN));

    assertThat(lastSeenOnly.forPlan(LocalDate.parse("1948-03-12"), LocalDate.parse("2016-05-01"),
        LocalDate.parse("2015-02-03")).endsOn()).isEqualTo(LocalDate.parse("2024-05-01"));
  }

  @Test
  void shouldKeepAChildsPlanUntilTheir25thBirthday() {
    PlanRetention retention = schedule.forPlan(LocalDate.parse("2005-06-15"), LocalDate.parse("2015-01-01"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.CHILD_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2030-06-15"));
    assertThat(retention.basis()).contains("25th birthday");
  }

  @Test
  void shouldKeepThePlanOfSomeone17WhenCareEndedUntilTheir26thBirthday() {
    PlanRetention retention = schedule.forPlan(LocalDate.parse("2000-06-15"), LocalDate.parse("2018-01-10"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.CHILD_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2026-06-15"));
  }

  @Test
  void shouldTreatSomeone18WhenCareEndedAsAnAdult() {
    PlanRetention retention = schedule.forPlan(LocalDate.parse("2000-06-15"), LocalDate.parse("2018-06-15"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.ADULT_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2026-06-15"));
  }

  @Test
  void shouldApplyTheAdultRuleWithoutADateOfBirthAndSaySo() {
    PlanRetention retention = schedule.forPlan(null, LocalDate.parse("2016-05-01"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.ADULT_PLAN);
    assertThat(retention.basis()).contains("date of birth not recorded");
  }

  @Test
  void shouldNeverKeepAPlanLessThanEightYearsSoTheJobNeedReadNoNewerOne() {
    assertThat(schedule.shortestPlanRetention()).isEqualTo(Period.ofYears(8));
    for (String dateOfBirth : new String[] {"2000-01-01", "2000-06-15", "2001-01-02", "2008-03-01"}) {
      for (int day = 0; day < 800; day += 7) {
        LocalDate lastSeen = LocalDate.parse("2016-01-01").plusDays(day);
        assertThat(schedule.forPlan(LocalDate.parse(dateOfBirth), lastSeen, null).endsOn())
            .isAfterOrEqualTo(lastSeen.plus(schedule.shortestPlanRetention()));
      }
    }
  }

  private static RetentionConfig defaults(RetentionTrigger adultTrigger) {
    return new RetentionConfig() {
      @Override
      public String interval() {
        return "off";
      }

      @Override
      public Period appraiseWithin() {
        return Period.ofDays(90);
      }

      @Override
      public AdultPlan adultPlan() {
        return new AdultPlan() {
          @Override
          public RetentionTrigger trigger() {
            return adultTrigger;
          }

          @Override
          public Period minimum() {
            return Period.ofYears(8);
          }
        };
      }

      @Override
      public ChildPlan childPlan() {
        return new ChildPlan() {
          @Override
          public int adultFrom() {
            return 18;
          }

          @Override
          public int untilBirthday() {
            return 25;
          }

          @Override
          public int untilBirthdayIf17WhenCareEnded() {
            return 26;
          }
        };
      }

      @Override
      public RetentionTrigger complaintTrigger() {
        return RetentionTrigger.CLOSURE;
      }

      @Override
      public Period complaintMinimum() {
        return Period.ofYears(10);
      }

      @Override
      public RetentionTrigger incidentTrigger() {
        return RetentionTrigger.OCCURRENCE;
      }

      @Override
      public Period incidentMinimum() {
        return Period.ofYears(10);
      }

      @Override
      public RetentionTrigger seriousIncidentTrigger() {
        return RetentionTrigger.OCCURRENCE;
      }

      @Override
      public Period seriousIncidentMinimum() {
        return Period.ofYears(20);
      }

      @Override
      public Period auditTrailMinimum() {
        return Period.ofYears(8);
      }
    };
  }
}
