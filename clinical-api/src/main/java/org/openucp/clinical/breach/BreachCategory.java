package org.openucp.clinical.breach;

/** Which security property the breach broke (the ICO's and ENISA's three kinds of personal data breach). */
public enum BreachCategory {
  /** Personal data disclosed to, or accessed by, someone who should not have it. */
  CONFIDENTIALITY,
  /** Personal data altered without authority, or by accident. */
  INTEGRITY,
  /** Personal data lost, destroyed or out of reach when it was needed. */
  AVAILABILITY
}
