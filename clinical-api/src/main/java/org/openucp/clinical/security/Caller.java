package org.openucp.clinical.security;

import org.openucp.model.identity.OdsCode;

/** Who is calling the clinical API, as derived from a verified bearer token. */
public sealed interface Caller {

  /** A stable identifier for audit: the CIS2 user id, or the service's client id. */
  String id();

  /**
   * A member of staff acting in the role they selected at sign-in (CIS2 {@code selected_roleid}).
   *
   * @param jobRoleCode the R-part of the selected role's {@code role_code}, e.g. {@code R0260}
   */
  record StaffMember(String id, String name, String jobRoleCode, String roleName, OdsCode organisation,
      String assurance) implements Caller {
  }

  /** Another service calling with client credentials, limited to its service roles. */
  record ServiceClient(String id, java.util.Set<String> serviceRoles) implements Caller {

    public boolean hasRole(String role) {
      return serviceRoles.contains(role);
    }
  }
}
