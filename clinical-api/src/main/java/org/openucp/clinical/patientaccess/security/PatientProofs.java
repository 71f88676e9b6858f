package org.openucp.clinical.patientaccess.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openucp.model.identity.InvalidIdentifierException;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Proves who is behind a portal request, so that the portal's own credentials open nothing by themselves. A patient
 * proves themself with their own NHS login access token (issuer, signature, audience, expiry, proofing level), and
 * the NHS number comes from it. A proxy proves themself with their own token and a short-lived assertion signed by
 * the portal, naming them and the patient whose plan they were invited to read.
 */
@ApplicationScoped
public class PatientProofs {

  /** The person's own NHS login access token, as the portal received it. */
  public static final String PATIENT_TOKEN = "X-Patient-Token";
  /** For a proxy: the portal's signed statement that this person is the patient's verified proxy. */
  public static final String PROXY_ASSERTION = "X-Proxy-Assertion";

  private final TenantIdentityProvider patientTokens;
  private final TenantIdentityProvider proxyAssertions;
  private final PatientAccessConfig config;

  public PatientProofs(@Tenant("nhslogin") TenantIdentityProvider patientTokens,
      @Tenant("portal-assertion") TenantIdentityProvider proxyAssertions, PatientAccessConfig config) {
    this.patientTokens = patientTokens;
    this.proxyAssertions = proxyAssertions;
    this.config = config;
  }

  /** Who a portal request is for, as proven: the patient themself, or a proxy reading for the patient. */
  public record Viewer(String kind, String subject, NhsNumber patient, UUID invitation) {

    public boolean isPatient() {
      return "PATIENT".equals(kind);
    }
  }

  /** Proves the viewer, or fails with a 401 problem that names what was missing or invalid. */
  public Uni<Viewer> prove(String patientToken, String proxyAssertion) {
    if (patientToken == null || patientToken.isBlank()) {
      return Uni.createFrom().failure(unproven("Send the person's own NHS login access token in " + PATIENT_TOKEN));
    }
    return verify(patientTokens, patientToken, "The person's NHS login token").chain(person -> {
      String proofing = text(person, "identity_proofing_level");
      if (rank(proofing) < rank(config.minimumProofing())) {
        throw new ProblemException(Problem.of("identity-proofing", "Identity check needed", 403,
            "Seeing a plan needs an NHS login identity checked to level " + config.minimumProofing()));
      }
      if (proxyAssertion == null || proxyAssertion.isBlank()) {
        return Uni.createFrom().item(new Viewer("PATIENT", person.getSubject(),
            nhsNumber(text(person, "nhs_number")), null));
      }
      return verify(proxyAssertions, proxyAssertion, "The portal's proxy assertion").map(assertion -> {
        if (!person.getSubject().equals(assertion.getSubject())) {
          throw unproven("The proxy assertion names someone other than the signed-in person");
        }
        return new Viewer("PROXY", person.getSubject(), nhsNumber(text(assertion, "patient_nhs_number")),
            invitation(text(assertion, "invitation")));
      });
    });
  }

  private static Uni<JsonWebToken> verify(TenantIdentityProvider verifier, String token, String what) {
    return verifier.authenticate(new AccessTokenCredential(token))
        .onFailure().transform(e -> unproven(what + " could not be verified"))
        .map(PatientProofs::jwt);
  }

  /** NHS login proofing levels rank by their number: P0 &lt; P5 &lt; P9. */
  private static int rank(String level) {
    return level == null || !level.matches("P\\d{1,2}") ? -1 : Integer.parseInt(level.substring(1));
  }

  private static JsonWebToken jwt(SecurityIdentity identity) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw unproven("The token is not a signed JWT");
    }
    return token;
  }

  private static NhsNumber nhsNumber(String value) {
    try {
      return NhsNumber.of(value);
    } catch (InvalidIdentifierException | NullPointerException e) {
      throw unproven("The token names no valid NHS number");
    }
  }

  private static UUID invitation(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw unproven("The proxy assertion names no valid invitation");
    }
  }

  private static String text(JsonWebToken token, String claim) {
    Object value = token.getClaim(claim);
    if (value instanceof jakarta.json.JsonString json) {
      return json.getString();
    }
    return value == null ? null : value.toString();
  }

  private static ProblemException unproven(String detail) {
    return new ProblemException(Problem.of("person-not-proven", "The person is not proven", 401, detail));
  }
}
