package org.openucp.portal.draft;

/** Where a patient's draft is in its journey to their clinical team. */
public enum DraftStatus {
  /** The patient is still writing it. */
  EDITING,
  /** Submitted; waiting to be delivered to the clinical intake, after which the portal copy is deleted. */
  SUBMITTED
}
