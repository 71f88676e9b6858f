package org.openucp.clinical.security;

/** The security roles a verified caller is given, as used in {@code @RolesAllowed}. */
public final class Roles {

  /** Any member of staff acting in a CIS2 role at an assurance level we accept. */
  public static final String STAFF = "staff";
  /** A service allowed to deliver patients' submitted drafts to the intake. */
  public static final String DRAFT_INTAKE = "draft-intake";

  /** The portal, acting for a signed-in patient or their verified proxy. */
  public static final String PATIENT_ACCESS = "patient-access";

  /** An urgent-care system reading the identifier feed and NRL pointers. */
  public static final String FLAG_READER = "flag-reader";

  private Roles() {
  }
}
