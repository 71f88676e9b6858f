package org.openucp.portal.security;

import java.time.LocalDate;
import org.openucp.model.identity.NhsNumber;

/**
 * A person signed in with NHS login, identified by the NHS number in their token; their date of birth as NHS login
 * verified it, or null when the token carries none that can be read.
 */
public record Patient(String subject, NhsNumber nhsNumber, String identityProofingLevel, String email,
    LocalDate birthdate) {

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
