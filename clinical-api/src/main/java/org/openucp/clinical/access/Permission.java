package org.openucp.clinical.access;

/** What a member of staff may do, as granted by their job role in {@link AccessPolicy}. */
public enum Permission {
  /** Read the published plan: urgent care's permission. */
  VIEW_PUBLISHED,
  /** Read unpublished drafts. */
  VIEW_DRAFT,
  INITIATE,
  EDIT,
  PUBLISH,
  /** Record a "CPR not recommended" decision. */
  RECORD_DNACPR,
  RECORD_CONSENT,
  WITHDRAW_CONSENT,
  /** Take a patient's submitted draft from the intake into a plan. */
  CLAIM_SUBMISSION,
  /** Query the audit trail and verify its chain. */
  READ_AUDIT,
  /** Onboard organisations: details, sharing agreements, staff rosters. */
  ADMINISTER_ORGANISATIONS,
  /**
   * The operator's information governance team: patients' rights requests, restrictions, breaches, and the
   * deadlines they run on.
   */
  MANAGE_INFORMATION_GOVERNANCE
}
