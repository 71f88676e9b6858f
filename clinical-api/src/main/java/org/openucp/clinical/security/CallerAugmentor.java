package org.openucp.clinical.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openucp.model.identity.InvalidIdentifierException;
import org.openucp.model.identity.OdsCode;

/**
 * Turns a verified token into a {@link Caller}: the acting CIS2 role for staff, or a service client. Tokens that
 * are validly signed but carry no usable identity are refused here, with 401, before any resource runs.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

  static final String CALLER_ATTRIBUTE = "openucp.caller";

  private final ClinicalSecurityConfig config;
  private final VerifiedTokens verifiedTokens;

  public CallerAugmentor(ClinicalSecurityConfig config, VerifiedTokens verifiedTokens) {
    this.config = config;
    this.verifiedTokens = verifiedTokens;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
        || identity.getAttribute(CALLER_ATTRIBUTE) != null) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom().item(() -> {
      SecurityIdentity augmented = withCaller(identity, resolve(token));
      verifiedTokens.remember(token, augmented);
      return augmented;
    });
  }

  private Caller resolve(JsonWebToken token) {
    Optional<String> serviceRole = stringClaim(token, "service_role");
    if (serviceRole.isPresent()) {
      if (!config.serviceClients().contains(token.getSubject())) {
        throw new AuthenticationFailedException("Unknown service client " + token.getSubject());
      }
      return new Caller.ServiceClient(token.getSubject(),
          java.util.Set.of(serviceRole.get().strip().split("\\s+")));
    }
    String acr = stringClaim(token, "acr").orElse("");
    if (!config.acceptedAcr().contains(acr)) {
      throw new AuthenticationFailedException("Authentication assurance '" + acr + "' is not accepted");
    }
    String selectedRoleId = stringClaim(token, "selected_roleid")
        .orElseThrow(() -> new AuthenticationFailedException("The token names no selected role"));
    JsonObject role = selectedRole(token, selectedRoleId)
        .orElseThrow(() -> new AuthenticationFailedException("The selected role is not among the user's roles"));
    try {
      return new Caller.StaffMember(
          stringClaim(token, "uid").orElse(token.getSubject()),
          stringClaim(token, "name").orElse(""),
          jobRoleCode(role.getString("role_code", "")),
          readableRoleName(role.getString("role_name", "")),
          OdsCode.of(role.getString("org_code", "")),
          acr);
    } catch (InvalidIdentifierException e) {
      throw new AuthenticationFailedException("The selected role's organisation code is not valid");
    }
  }

  private static SecurityIdentity withCaller(SecurityIdentity identity, Caller caller) {
    return QuarkusSecurityIdentity.builder(identity)
        .addRoles(caller instanceof Caller.ServiceClient service ? service.serviceRoles() : java.util.Set.of(Roles.STAFF))
        .addAttribute(CALLER_ATTRIBUTE, caller)
        .build();
  }

  private static Optional<JsonObject> selectedRole(JsonWebToken token, String selectedRoleId) {
    Object roles = token.getClaim("nhsid_nrbac_roles");
    if (!(roles instanceof JsonArray array)) {
      return Optional.empty();
    }
    return array.stream()
        .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
        .map(JsonValue::asJsonObject)
        .filter(role -> selectedRoleId.equals(role.getString("person_roleid", null)))
        .findFirst();
  }

  /**
   * CIS2 role names read {@code "Clinical":"Clinical Provision":"General Medical Practitioner"}; people want the
   * last part.
   */
  static String readableRoleName(String roleName) {
    String[] parts = roleName.split("\":\"");
    return parts[parts.length - 1].replace("\"", "").strip();
  }

  /** The job role is the R-part of a CIS2 role code such as {@code S8000:G8000:R8000}. */
  private static String jobRoleCode(String roleCode) {
    for (String part : roleCode.split(":")) {
      if (part.startsWith("R")) {
        return part;
      }
    }
    throw new AuthenticationFailedException("The selected role has no job role code");
  }

  private static Optional<String> stringClaim(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    if (value instanceof JsonString json) {
      return Optional.of(json.getString());
    }
    return value instanceof String text ? Optional.of(text) : Optional.empty();
  }
}
