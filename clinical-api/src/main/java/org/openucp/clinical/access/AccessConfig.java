package org.openucp.clinical.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** The configurable parts of the access policy. */
@ConfigMapping(prefix = "clinical.access")
public interface AccessConfig {

  /** Whether nurses may record a "CPR not recommended" decision (off: only clinical practitioners and GPs). */
  @WithDefault("false")
  boolean nursesMayRecordDnacpr();

  /** The platform operator's organisation: its administrators onboard the others, and it needs no onboarding. */
  @WithDefault("OPENUCP")
  String operatorOrganisation();

  /**
   * How long a replica trusts that a member of staff is onboarded before checking again. Changes made through this
   * replica apply at once; changes made through another apply within this time.
   */
  @WithDefault("30s")
  Duration onboardingCache();

  /** Job roles that administer organisations, when held at the operator's organisation. */
  @WithDefault("R8005")
  Set<String> administratorJobRoles();

  /**
   * Job roles of the operator's information governance team, when held at the operator's organisation: rights
   * requests, restrictions, breaches. No national job role names this team: R8006 is the demo's; set your own.
   */
  @WithDefault("R8006")
  Set<String> informationGovernanceJobRoles();

  /**
   * Job roles that may record a patient's consent, and so initiate a plan (initiation records consent in the same
   * request). The seeds name doctors, nurses, psychologists, occupational therapists, support workers and social
   * workers: add your organisations' codes for the last four. A role listed here and nowhere else in the access
   * table gets an author's permissions: view published and drafts, initiate, edit, record consent.
   */
  @WithDefault("R8000,R8003,R0260,R0270,R8001,R8002,R0700,R0600,R1330")
  Set<String> consentRecordingJobRoles();
}
