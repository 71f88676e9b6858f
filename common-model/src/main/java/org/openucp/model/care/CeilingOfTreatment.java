package org.openucp.model.care;

/** How far to escalate care in a crisis. */
public enum CeilingOfTreatment {
  FULL_ESCALATION,
  /** Ward-based treatment, no intensive care. */
  SELECTIVE_TREATMENT,
  SYMPTOMATIC_COMFORT_CARE
}
