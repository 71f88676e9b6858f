package org.openucp.clinical.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.organisation.service.OnboardingRules;

/** The lapse rules on their own, at their boundaries and with settings other than the defaults. */
class OnboardingRulesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 7, 15);

  @Test
  void shouldCountAToolkitAssessmentForItsValidityAndGraceThenNoLonger() {
    OnboardingRules rules = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12), Period.ofMonths(3),
        null));
    Organisation organisation = organisation(DsptStatus.STANDARDS_MET, LocalDate.of(2025, 4, 16));

    assertThat(rules.dsptLapsesOn(organisation)).isEqualTo(LocalDate.of(2026, 7, 16));
    assertThat(rules.dsptProblem(organisation, TODAY)).isNull();
    assertThat(rules.dsptProblem(organisation, TODAY.plusDays(1)))
        .isEqualTo("has a Data Security and Protection Toolkit assessment published on 2025-04-16 that lapsed on"
            + " 2026-07-16: a newer assessment must be recorded");
  }

  @Test
  void shouldTakeTheToolkitValidityAndGraceFromTheSettings() {
    OnboardingRules strict = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12), Period.ZERO, null));
    Organisation organisation = organisation(DsptStatus.STANDARDS_EXCEEDED, LocalDate.of(2025, 7, 15));

    assertThat(strict.dsptProblem(organisation, TODAY.minusDays(1))).isNull();
    assertThat(strict.dsptProblem(organisation, TODAY)).contains("lapsed on 2026-07-15");
  }

  @Test
  void shouldLetAnOrganisationWithoutAToolkitStatusInOnlyUntilTheTransitionDate() {
    Organisation unrecorded = organisation(null, null);

    OnboardingRules noTransition = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12),
        Period.ofMonths(3), null));
    assertThat(noTransition.dsptProblem(unrecorded, TODAY))
        .isEqualTo("has no Data Security and Protection Toolkit status recorded");

    OnboardingRules transition = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12),
        Period.ofMonths(3), TODAY.plusDays(1)));
    assertThat(transition.dsptProblem(unrecorded, TODAY)).isNull();
    assertThat(transition.dsptProblem(unrecorded, TODAY.plusDays(1))).contains("no Data Security");
    // A status that is recorded is checked, transition or not.
    assertThat(transition.dsptProblem(organisation(DsptStatus.STANDARDS_NOT_MET, TODAY), TODAY))
        .contains("\"Standards Not Met\"");
  }

  @Test
  void shouldRefuseAMetStatusWithoutAPublicationDate() {
    OnboardingRules rules = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12), Period.ofMonths(3),
        null));

    assertThat(rules.dsptProblem(organisation(DsptStatus.STANDARDS_MET, null), TODAY))
        .isEqualTo("has no publication date recorded for its Data Security and Protection Toolkit status");
  }

  @Test
  void shouldLapseTrainingAfterItsValidity() {
    OnboardingRules rules = new OnboardingRules(config(Period.ofMonths(6), Period.ofMonths(12), Period.ofMonths(3),
        null));
    RosterEntry member = new RosterEntry();
    member.trainingCompletedOn = LocalDate.of(2026, 1, 15);

    assertThat(rules.trainingLapsesOn(member)).isEqualTo(TODAY);
    assertThat(rules.trainingProblem(member, TODAY.minusDays(1))).isNull();
    assertThat(rules.trainingProblem(member, TODAY)).isEqualTo("Your training for this service, completed on"
        + " 2026-01-15, lapsed on 2026-07-15: complete it again and ask your organisation to record it on its roster");
  }

  @Test
  void shouldTreatTrainingNotYetCompletedAsNotCompleted() {
    OnboardingRules rules = new OnboardingRules(config(Period.ofYears(1), Period.ofMonths(12), Period.ofMonths(3),
        null));
    RosterEntry member = new RosterEntry();

    assertThat(rules.trainingProblem(member, TODAY))
        .isEqualTo("Your training for this service is not recorded as completed");
    member.trainingCompletedOn = TODAY.plusDays(1);
    assertThat(rules.trainingProblem(member, TODAY))
        .isEqualTo("Your training for this service is not recorded as completed");
  }

  private static Organisation organisation(DsptStatus status, LocalDate publishedOn) {
    Organisation organisation = new Organisation();
    organisation.dsptStatus = status;
    organisation.dsptPublishedOn = publishedOn;
    return organisation;
  }

  private static OnboardingConfig config(Period training, Period dspt, Period grace, LocalDate unrecordedUntil) {
    return new OnboardingConfig() {
      @Override
      public Period trainingValidity() {
        return training;
      }

      @Override
      public Period dsptValidity() {
        return dspt;
      }

      @Override
      public Period dsptGrace() {
        return grace;
      }

      @Override
      public Optional<LocalDate> dsptUnrecordedAllowedUntil() {
        return Optional.ofNullable(unrecordedUntil);
      }
    };
  }
}
