package org.openucp.clinical.urgentcare;

/**
 * The order in which the moment of crisis is read, after the ReSPECT form's sections: the crisis view's JSON lists
 * its sections in this order ({@link CrisisView}'s components, checked by a test) and page one of the printed plan
 * renders them in this order, so the two cannot drift apart.
 */
public enum CrisisSection {
  IDENTITY("identity", "Patient"),
  CPR("cpr", "CPR recommendation"),
  TREATMENT("treatment", "Ceiling of treatment and clinical recommendations"),
  ADRT("adrt", "Advance decision to refuse treatment (ADRT)"),
  REPRESENTATION("representation", "Capacity and representation"),
  PREFERENCES("preferences", "What matters to me and my preferences"),
  MEDICINES("medicines", "Allergies and medicines"),
  CONTACTS("contacts", "Who to call"),
  BANNER("banner", "This plan");

  private final String field;
  private final String heading;

  CrisisSection(String field, String heading) {
    this.field = field;
    this.heading = heading;
  }

  /** The section's name in the crisis view's JSON. */
  public String field() {
    return field;
  }

  /** The section's heading on paper. */
  public String heading() {
    return heading;
  }
}
