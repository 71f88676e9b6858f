package org.openucp.clinical.audit;

/** How an audited request ended. */
public enum AuditOutcome {
  SUCCESS,
  /** Refused: not signed in, or not allowed. */
  DENIED,
  /** Refused for what was asked: invalid input, not found, a conflict, or an error on our side. */
  FAILED,
  /** Answered as if nothing were shared, because the patient restricted the use of their data. */
  RESTRICTED
}
