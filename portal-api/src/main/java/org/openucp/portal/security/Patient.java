package org.openucp.portal.security;

import org.openucp.model.identity.NhsNumber;

/** A person signed in with NHS login, identified by the NHS number in their token. */
public record Patient(String subject, NhsNumber nhsNumber, String identityProofingLevel, String email) {

  /** Whether NHS login verified this person's identity at least to the given level (P0 &lt; P5 &lt; P9). */
  public boolean proofedAtLeast(String level) {
    return rank(identityProofingLevel) >= rank(level);
  }

  private static int rank(String level) {
    if (level == null || !level.matches("P\\d+")) {
      return -1;
    }
    return Integer.parseInt(level.substring(1));
  }
}
