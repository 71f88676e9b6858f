package org.openucp.portal.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openucp.model.identity.InvalidIdentifierException;
import org.openucp.model.identity.NhsNumber;

/** Turns a verified NHS-login token into a {@link Patient}; a token without a valid NHS number is refused. */
@ApplicationScoped
public class PatientAugmentor implements SecurityIdentityAugmentor {

  public static final String PATIENT_ROLE = "patient";
  static final String PATIENT_ATTRIBUTE = "openucp.patient";

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom().item(() -> QuarkusSecurityIdentity.builder(identity)
        .addRole(PATIENT_ROLE)
        .addAttribute(PATIENT_ATTRIBUTE, patientOf(token))
        .build());
  }

  private static Patient patientOf(JsonWebToken token) {
    String nhsNumber = token.getClaim("nhs_number");
    if (nhsNumber == null) {
      throw new AuthenticationFailedException("The NHS login token carries no NHS number");
    }
    try {
      return new Patient(token.getSubject(), NhsNumber.of(nhsNumber),
          token.<String>claim("identity_proofing_level").orElse("P0"), token.<String>claim("email").orElse(null),
          birthdateOf(token));
    } catch (InvalidIdentifierException e) {
      throw new AuthenticationFailedException("The NHS login token's NHS number is not valid");
    }
  }

  // Only proxy acceptance needs it: an unreadable date must not keep a patient from their own draft.
  private static LocalDate birthdateOf(JsonWebToken token) {
    try {
      return token.<String>claim("birthdate").map(LocalDate::parse).orElse(null);
    } catch (DateTimeParseException | ClassCastException e) {
      return null;
    }
  }
}
