package org.openucp.portal.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in patient of the current request. */
@RequestScoped
public class CurrentPatient {

  private final SecurityIdentity identity;

  public CurrentPatient(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The person's own NHS login access token, which the clinical API verifies itself before showing them a plan. */
  public String accessToken() {
    if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getRawToken() == null) {
      throw new IllegalStateException("No NHS login token in this request");
    }
    return token.getRawToken();
  }

  public Patient get() {
    Patient patient = identity.getAttribute(PatientAugmentor.PATIENT_ATTRIBUTE);
    if (patient == null) {
      throw new IllegalStateException("No signed-in patient in this request");
    }
    return patient;
  }
}
