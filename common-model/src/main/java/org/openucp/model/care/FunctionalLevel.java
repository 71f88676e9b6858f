package org.openucp.model.care;

/** Current level of physical health and functioning, on the WHO/ECOG performance status scale (0 to 4). */
public enum FunctionalLevel {
  /** 0: fully active, no restriction. */
  FULLY_ACTIVE,
  /** 1: restricted in strenuous activity, able to do light work. */
  RESTRICTED_STRENUOUS_ACTIVITY,
  /** 2: up and about more than half the day, self-caring, unable to work. */
  AMBULATORY_SELF_CARING,
  /** 3: limited self-care, in bed or chair more than half the day. */
  LIMITED_SELF_CARE,
  /** 4: completely disabled, no self-care. */
  COMPLETELY_DISABLED
}
