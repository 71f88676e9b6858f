package org.openucp.portal.draft;

/** Where a submitted draft is: on its way, with the clinical team (the portal copy is then gone), done, or erased. */
public enum SubmissionStage {
  SUBMITTED,
  /** Delivered to the chosen organisation; stays so until a clinician has taken it into a published plan. */
  WITH_CLINICAL_TEAM,
  /** A clinician took it into the patient's plan and published the plan since. */
  COMPLETED,
  /** Consent was withdrawn: the submission was erased. */
  ERASED
}
