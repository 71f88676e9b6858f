package org.openucp.clinical.retention;

/** The event a retention period counts from. */
public enum RetentionTrigger {
  /** The person was last seen: care ended. See {@code PlanRetentionFacts} for what counts as seen. */
  LAST_SEEN,
  /** The person was last seen or, once recorded, died: retention then counts from the death. */
  LAST_SEEN_OR_DEATH,
  /** The person died: what {@link #LAST_SEEN_OR_DEATH} counts from once a death is recorded. */
  DEATH,
  /** The case was closed (not until any litigation has ended). */
  CLOSURE,
  /** The incident happened. */
  OCCURRENCE,
  /** The retention of the last record the entry covers has ended. */
  LAST_RECORD_COVERED
}
