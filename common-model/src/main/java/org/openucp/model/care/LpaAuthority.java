package org.openucp.model.care;

/** Whether a supporter holds a Lasting Power of Attorney for health and welfare, and its reach. */
public enum LpaAuthority {
  NONE,
  WITHOUT_LIFE_SUSTAINING_TREATMENT,
  WITH_LIFE_SUSTAINING_TREATMENT
}
