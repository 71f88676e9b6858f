package org.openucp.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A demo identity the local issuer can mint tokens for. Its {@code id} is the OAuth client id to ask for in the
 * client-credentials grant, so that {@code curl} can fetch a token for it.
 */
public record Persona(String id, String issuer, String description, String subject, List<String> audience,
    Map<String, Object> claims) {

  public static final String STAFF_ISSUER = "cis2";
  public static final String PATIENT_ISSUER = "nhslogin";
  public static final String CLINICAL_AUDIENCE = "openucp-clinical";
  public static final String PORTAL_AUDIENCE = "openucp-portal";

  /** A CIS2-shaped staff identity whose selected role is {@code roleCode} at {@code odsCode}. */
  public static Persona staff(String id, String description, String name, String uid, String roleCode,
      String roleName, String odsCode, String acr) {
    String roleId = "5550" + uid.substring(uid.length() - 8);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("name", name);
    claims.put("uid", uid);
    claims.put("nhsid_useruid", uid);
    claims.put("acr", acr);
    claims.put("amr", acr.startsWith("AAL3") ? List.of("N3_SMARTCARD") : List.of("PWD"));
    claims.put("id_assurance_level", "3");
    claims.put("authentication_assurance_level", acr.startsWith("AAL3") ? "3" : "2");
    claims.put("selected_roleid", roleId);
    claims.put("nhsid_nrbac_roles", List.of(Map.of(
        "person_orgid", "5551" + uid.substring(uid.length() - 8),
        "person_roleid", roleId,
        "org_code", odsCode,
        "role_code", "S8000:G8000:" + roleCode,
        "role_name", roleName)));
    return new Persona(id, STAFF_ISSUER, description, uid, List.of(CLINICAL_AUDIENCE), Map.copyOf(claims));
  }

  /** An NHS-login-shaped patient identity. */
  public static Persona patient(String id, String description, String nhsNumber, String familyName,
      String birthdate, String proofingLevel) {
    Map<String, Object> claims = Map.of(
        "nhs_number", nhsNumber,
        "family_name", familyName,
        "birthdate", birthdate,
        "identity_proofing_level", proofingLevel,
        "vot", proofingLevel + ".Cp.Cd",
        "email", familyName.toLowerCase() + "." + nhsNumber + "@example.org");
    return new Persona(id, PATIENT_ISSUER, description, "nhslogin-" + nhsNumber, List.of(PORTAL_AUDIENCE), claims);
  }

  /** A service calling another with client credentials; its {@code service_role} claim says what it may do. */
  public static Persona service(String id, String description, String serviceRole) {
    return new Persona(id, STAFF_ISSUER, description, id, List.of(CLINICAL_AUDIENCE),
        Map.of("client_id", id, "service_role", serviceRole));
  }

  /** The ODS code of a staff persona's selected role, or null for others. */
  public String organisation() {
    return selectedRole("org_code");
  }

  /** The job role (R-code) of a staff persona's selected role, or null for others. */
  public String jobRole() {
    String code = selectedRole("role_code");
    return code == null ? null : code.substring(code.lastIndexOf(':') + 1);
  }

  private String selectedRole(String field) {
    Object roles = claims.get("nhsid_nrbac_roles");
    if (!(roles instanceof List<?> list)) {
      return null;
    }
    return list.stream()
        .filter(role -> role instanceof Map<?, ?> map && claims.get("selected_roleid").equals(map.get("person_roleid")))
        .map(role -> (String) ((Map<?, ?>) role).get(field))
        .findFirst().orElse(null);
  }

  /** The same identity with other claims replaced, for tests of what the services accept. */
  public Persona withClaim(String name, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(claims);
    changed.put(name, value);
    return new Persona(id, issuer, description, subject, audience, Map.copyOf(changed));
  }

  public Persona withAudience(String... audiences) {
    return new Persona(id, issuer, description, subject, List.of(audiences), claims);
  }
}
