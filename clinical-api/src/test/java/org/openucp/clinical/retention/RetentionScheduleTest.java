package org.openucp.clinical.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.retention.config.RetentionConfig;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.clinical.retention.service.RetentionSchedule.Retention;
import org.openucp.clinical.retention.service.ScheduleCheck;

/** The schedule's rules for plans, complaints and incidents (Records Management Code, Table B), on the defaults. */
class RetentionScheduleTest {

  private final RetentionSchedule schedule = new RetentionSchedule(defaults(RetentionTrigger.LAST_SEEN_OR_DEATH));

  @Test
  void shouldKeepAnAdultsPlanEightYearsAfterTheyWereLastSeen() {
    Retention retention = schedule.forPlan(LocalDate.parse("1948-03-12"), LocalDate.parse("2016-05-01"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.ADULT_PLAN);
    assertThat(retention.trigger()).isEqualTo(RetentionTrigger.LAST_SEEN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2024-05-01"));
  }

  @Test
  void shouldCountFromTheDeathOnceOneIsRecorded() {
    Retention retention = schedule.forPlan(LocalDate.parse("1948-03-12"), LocalDate.parse("2026-11-01"),
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
    Retention retention = schedule.forPlan(LocalDate.parse("2005-06-15"), LocalDate.parse("2015-01-01"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.CHILD_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2030-06-15"));
    assertThat(retention.basis()).contains("25th birthday");
  }

  @Test
  void shouldKeepThePlanOfSomeone17WhenCareEndedUntilTheir26thBirthday() {
    Retention retention = schedule.forPlan(LocalDate.parse("2000-06-15"), LocalDate.parse("2018-01-10"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.CHILD_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2026-06-15"));
  }

  @Test
  void shouldTreatSomeone18WhenCareEndedAsAnAdult() {
    Retention retention = schedule.forPlan(LocalDate.parse("2000-06-15"), LocalDate.parse("2018-06-15"), null);

    assertThat(retention.recordClass()).isEqualTo(RecordClass.ADULT_PLAN);
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2026-06-15"));
  }

  @Test
  void shouldApplyTheAdultRuleWithoutADateOfBirthAndSaySo() {
    Retention retention = schedule.forPlan(null, LocalDate.parse("2016-05-01"), null);

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

  @Test
  void shouldKeepAClosedComplaintTenYearsFromTheDayItWasClosedInEngland() {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London: closed on 1 June, as its handler would say.
    Retention retention = schedule.forComplaint(Instant.parse("2016-05-31T23:30:00Z"));

    assertThat(retention.recordClass()).isEqualTo(RecordClass.COMPLAINT);
    assertThat(retention.trigger()).isEqualTo(RetentionTrigger.CLOSURE);
    assertThat(retention.startedOn()).isEqualTo(LocalDate.parse("2016-06-01"));
    assertThat(retention.endsOn()).isEqualTo(LocalDate.parse("2026-06-01"));
  }

  @Test
  void shouldKeepAnIncidentTenYearsFromWhenItHappenedOrElseFromWhenTheOperatorKnewOfIt() {
    Retention happened = schedule.forIncident(Instant.parse("2015-03-01T10:00:00Z"),
        Instant.parse("2015-04-01T10:00:00Z"), false, false);
    Retention notKnownWhen = schedule.forIncident(null, Instant.parse("2015-04-01T10:00:00Z"), false, false);

    assertThat(happened.recordClass()).isEqualTo(RecordClass.INCIDENT);
    assertThat(happened.trigger()).isEqualTo(RetentionTrigger.OCCURRENCE);
    assertThat(happened.endsOn()).isEqualTo(LocalDate.parse("2025-03-01"));
    assertThat(notKnownWhen.endsOn()).isEqualTo(LocalDate.parse("2025-04-01"));
    assertThat(notKnownWhen.basis()).contains("not known");
  }

  @Test
  void shouldKeepAnIncidentMarkedSeriousOrToBeNotifiedToTheIcoTwentyYears() {
    Instant occurred = Instant.parse("2015-03-01T10:00:00Z");

    for (Retention serious : List.of(schedule.forIncident(occurred, occurred, true, false),
        schedule.forIncident(occurred, occurred, false, true))) {
      assertThat(serious.recordClass()).isEqualTo(RecordClass.SERIOUS_INCIDENT);
      assertThat(serious.endsOn()).isEqualTo(LocalDate.parse("2035-03-01"));
    }
    assertThat(schedule.forIncident(occurred, occurred, false, true).basis()).contains("ICO");
  }

  @Test
  void shouldRefuseAScheduleThatCountsFromAnEventThisServiceDoesNotRecord() {
    RetentionConfig wrong = configured(RetentionTrigger.CLOSURE, RetentionTrigger.OCCURRENCE,
        RetentionTrigger.CLOSURE);

    assertThat(RetentionSchedule.problems(wrong)).hasSize(3).anySatisfy(problem -> assertThat(problem)
        .contains("clinical.retention.complaint-trigger must be CLOSURE"));
    assertThatThrownBy(() -> new RetentionSchedule(wrong)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clinical.retention.incident-trigger");
    assertThat(RetentionSchedule.problems(defaults(RetentionTrigger.LAST_SEEN))).isEmpty();
  }

  @Test
  void shouldRefuseToStartWhileTheFormerComplaintSettingAsksForAnotherPeriod() {
    Period tenYears = Period.ofYears(10);

    assertThat(ScheduleCheck.formerComplaintRetention(Optional.empty(), tenYears)).isNull();
    assertThat(ScheduleCheck.formerComplaintRetention(Optional.of("P10Y"), tenYears)).isNull();
    assertThat(ScheduleCheck.formerComplaintRetention(Optional.of("P12Y"), tenYears))
        .contains("clinical.retention.complaint-minimum", "CLINICAL_RETENTION_COMPLAINT_MINIMUM", "P12Y");
    assertThat(ScheduleCheck.formerComplaintRetention(Optional.of("twelve years"), tenYears))
        .contains("no longer read");
  }

  @Test
  void shouldTellPatientsHowLongEachRecordIsKeptFromTheConfiguration() {
    assertThat(schedule.forPatients()).contains("kept for 8 years after the person was last seen or died",
        "until their 25th birthday (26th", "10 years from the incident, 20 years if it is a serious incident",
        "a complaint for 10 years");
    assertThat(RetentionSchedule.inWords(Period.of(1, 6, 0))).isEqualTo("1 year and 6 months");
  }

  private static RetentionConfig defaults(RetentionTrigger adultTrigger) {
    return configured(adultTrigger, RetentionTrigger.CLOSURE, RetentionTrigger.OCCURRENCE);
  }

  private static RetentionConfig configured(RetentionTrigger adultTrigger, RetentionTrigger complaintTrigger,
      RetentionTrigger incidentTrigger) {
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
        return complaintTrigger;
      }

      @Override
      public Period complaintMinimum() {
        return Period.ofYears(10);
      }

      @Override
      public RetentionTrigger incidentTrigger() {
        return incidentTrigger;
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
