package org.openucp.clinical.organisation;

/**
 * An organisation's status in the Data Security and Protection Toolkit (DSPT), as the toolkit publishes it after the
 * organisation's annual self-assessment. Only "Standards Met" and "Standards Exceeded" let its staff in.
 */
public enum DsptStatus {
  STANDARDS_EXCEEDED("Standards Exceeded", true),
  STANDARDS_MET("Standards Met", true),
  APPROACHING_STANDARDS("Approaching Standards", false),
  STANDARDS_NOT_MET("Standards Not Met", false),
  NOT_PUBLISHED("Not Published", false);

  private final String label;
  private final boolean meetsStandards;

  DsptStatus(String label, boolean meetsStandards) {
    this.label = label;
    this.meetsStandards = meetsStandards;
  }

  /** The status as the toolkit shows it, e.g. "Standards Met". */
  public String label() {
    return label;
  }

  /** Whether the status is good enough for the organisation's staff to use the service. */
  public boolean meetsStandards() {
    return meetsStandards;
  }
}
