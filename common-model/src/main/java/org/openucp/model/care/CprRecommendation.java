package org.openucp.model.care;

/** The ReSPECT CPR recommendation, with its SNOMED CT code. */
public enum CprRecommendation {
  CPR_RECOMMENDED("450475007", "CPR attempts recommended"),
  /** DNACPR: only roles allowed to record it may set it. */
  CPR_NOT_RECOMMENDED("450476008", "CPR attempts NOT recommended");

  private final String snomedCode;
  private final String display;

  CprRecommendation(String snomedCode, String display) {
    this.snomedCode = snomedCode;
    this.display = display;
  }

  public String snomedCode() {
    return snomedCode;
  }

  public String display() {
    return display;
  }
}
