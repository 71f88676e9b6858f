package org.openucp.portal.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in patient of the current request. */
@RequestScoped
public class CurrentPatient {

  private final SecurityIdentity identity;

  public CurrentPatient(SecurityIdentity identity) {
    this.identity = identity;
  }

  public Patient get() {
    Patient patient = identity.getAttribute(PatientAugmentor.PATIENT_ATTRIBUTE);
    if (patient == null) {
      throw new IllegalStateException("No signed-in patient in this request");
    }
    return patient;
  }
}
