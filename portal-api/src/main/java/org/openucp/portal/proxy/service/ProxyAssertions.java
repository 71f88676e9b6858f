package org.openucp.portal.proxy.service;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.openucp.portal.proxy.ProxyConfig;
import org.openucp.portal.proxy.ProxyInvitation;
import org.openucp.portal.security.Patient;

/**
 * The portal's signed statement, valid for a minute, that a signed-in person is a patient's verified proxy: the
 * clinical API serves a proxy only with it and the proxy's own NHS login token, never on the portal's word alone.
 */
@ApplicationScoped
public class ProxyAssertions {

  static final String ISSUER = "openucp-portal";
  static final String AUDIENCE = "openucp-clinical";
  private static final Duration VALIDITY = Duration.ofSeconds(60);

  private final PrivateKey signingKey;

  public ProxyAssertions(ProxyConfig config) {
    this.signingKey = privateKey(config.assertionSigningKey());
  }

  public String assertFor(Patient proxy, ProxyInvitation invitation) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(proxy.subject())
        .claim("patient_nhs_number", invitation.patientNhsNumber)
        .claim("invitation", invitation.id.toString())
        .expiresIn(VALIDITY)
        .jws()
        .sign(signingKey);
  }

  private static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("portal.proxies.assertion-signing-key is not a base64 PKCS#8 RSA key", e);
    }
  }
}
