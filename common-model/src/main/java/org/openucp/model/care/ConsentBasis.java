package org.openucp.model.care;

/** The lawful basis on which a plan is held and shared. */
public enum ConsentBasis {
  EXPLICIT_CONSENT,
  /** A best-interests decision under the Mental Capacity Act 2005. */
  BEST_INTERESTS_DECISION,
  LPA_HOLDER,
  /** Consent by a parent or guardian for a person under 18. */
  PARENT_OR_GUARDIAN
}
