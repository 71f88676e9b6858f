package org.openucp.clinical.organisation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OnboardingConfig;
import org.openucp.clinical.organisation.RosterEntry;

/**
 * Whether an organisation's assurances and a member of staff's training hold good on a given day, and if not, why
 * not, in words the member of staff can act on. The access guard refuses with these; the administrators' views show
 * them.
 */
@ApplicationScoped
public class OnboardingRules {

  private final OnboardingConfig config;

  public OnboardingRules(OnboardingConfig config) {
    this.config = config;
  }

  /** Why the organisation's staff may not use the service today, or null when they may (roster aside). */
  public String organisationProblem(Organisation organisation, LocalDate today) {
    String agreement = organisation.agreementProblem(today);
    return agreement != null ? agreement : dsptProblem(organisation, today);
  }

  /**
   * Whether patients may send their submissions here today: a receiving kind whose staff may use the service (its
   * agreement in force, its toolkit standards met), so that nothing waits where nobody may open it.
   */
  public boolean receivesSubmissions(Organisation organisation, LocalDate today) {
    return Organisation.RECEIVING_SUBMISSIONS.contains(organisation.type)
        && organisationProblem(organisation, today) == null;
  }

  /** The first day on which the organisation's toolkit assessment no longer counts, or null without one. */
  public LocalDate dsptLapsesOn(Organisation organisation) {
    if (organisation.dsptPublishedOn == null) {
      return null;
    }
    return organisation.dsptPublishedOn.plus(config.dsptValidity()).plus(config.dsptGrace());
  }

  /**
   * Why the organisation's Data Security and Protection Toolkit status keeps its staff out today, or null when it is
   * "Standards Met" or "Standards Exceeded" and has not lapsed.
   */
  public String dsptProblem(Organisation organisation, LocalDate today) {
    if (organisation.dsptStatus == null) {
      boolean allowedForNow = config.dsptUnrecordedAllowedUntil().map(today::isBefore).orElse(false);
      return allowedForNow ? null : "has no Data Security and Protection Toolkit status recorded";
    }
    if (!organisation.dsptStatus.meetsStandards()) {
      return "has the Data Security and Protection Toolkit status \"" + organisation.dsptStatus.label() + "\""
          + (organisation.dsptPublishedOn == null ? "" : " (published " + organisation.dsptPublishedOn + ")")
          + ": \"Standards Met\" or \"Standards Exceeded\" is needed";
    }
    LocalDate lapsesOn = dsptLapsesOn(organisation);
    if (lapsesOn == null) {
      return "has no publication date recorded for its Data Security and Protection Toolkit status";
    }
    if (!today.isBefore(lapsesOn)) {
      return "has a Data Security and Protection Toolkit assessment published on " + organisation.dsptPublishedOn
          + " that lapsed on " + lapsesOn + ": a newer assessment must be recorded";
    }
    return null;
  }

  /** The first day on which the member of staff's training no longer counts, or null when none is recorded. */
  public LocalDate trainingLapsesOn(RosterEntry member) {
    return member.trainingCompletedOn == null ? null : member.trainingCompletedOn.plus(config.trainingValidity());
  }

  /** Why the member of staff's training does not let them in today, or null when it is complete and current. */
  public String trainingProblem(RosterEntry member, LocalDate today) {
    if (member.trainingCompletedOn == null || member.trainingCompletedOn.isAfter(today)) {
      return "Your training for this service is not recorded as completed";
    }
    LocalDate lapsesOn = trainingLapsesOn(member);
    if (!today.isBefore(lapsesOn)) {
      return "Your training for this service, completed on " + member.trainingCompletedOn + ", lapsed on "
          + lapsesOn + ": complete it again and ask your organisation to record it on its roster";
    }
    return null;
  }
}
