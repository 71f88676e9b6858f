package org.openucp.clinical.organisation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** How long the assurances that let an organisation's staff in hold good. */
@ConfigMapping(prefix = "clinical.onboarding")
public interface OnboardingConfig {

  /**
   * How long completed training counts: a member of staff whose training was completed longer ago than this is
   * refused, like one never trained, until the roster records newer training.
   */
  @WithDefault("P1Y")
  Period trainingValidity();

  /** How long a Data Security and Protection Toolkit assessment counts from the day it was published: a year. */
  @WithDefault("P12M")
  Period dsptValidity();

  /**
   * Added to {@link #dsptValidity()}: the toolkit's deadline is 30 June every year, and an organisation may publish
   * its assessment in spring one year and at the deadline the next. Three months covers that without letting an
   * organisation that stopped publishing in for long.
   */
  @WithDefault("P3M")
  Period dsptGrace();

  /**
   * For a gentle upgrade: until this day (not included), staff of an organisation whose toolkit status has not been
   * recorded yet are let in, so that the operator can record every organisation's status first. A status that is
   * recorded is always checked. Unset (the default): an organisation without a recorded status is refused.
   */
  Optional<LocalDate> dsptUnrecordedAllowedUntil();
}
