package org.openucp.model.care;

/** Likely prognosis (SCCI1580 group 10). */
public enum Prognosis {
  YEARS,
  MONTHS,
  WEEKS,
  DAYS,
  UNCERTAIN
}
