package org.openucp.clinical.retention;

/** The kinds of record the retention schedule (NHS Records Management Code, Appendix II, Table B) covers here. */
public enum RecordClass {
  /** An urgent care plan of a person who was 18 or over when care ended (or when they died). */
  ADULT_PLAN,
  /** An urgent care plan of a person who was under 18 when care ended. */
  CHILD_PLAN,
  /** A complaint case file, kept apart from the patient's plan. */
  COMPLAINT,
  /** An incident that is not a serious incident. */
  INCIDENT,
  SERIOUS_INCIDENT,
  /** The audit trail of access to the records: kept as long as the last record it covers. */
  AUDIT_TRAIL
}
