package org.openucp.infra;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key pair with which the portal signs its proxy assertions and the clinical API checks them, made afresh in
 * each JVM that runs the local stack or a test: local only, never a credential. Production keys come from a Secret.
 */
public final class PortalAssertionKeys {

  private static final KeyPair PAIR = generate();

  private PortalAssertionKeys() {
  }

  public static KeyPair pair() {
    return PAIR;
  }

  /** The public key as base64 X.509 SubjectPublicKeyInfo, as the clinical API's configuration takes it. */
  public static String publicKey() {
    return Base64.getEncoder().encodeToString(PAIR.getPublic().getEncoded());
  }

  /** The private key as base64 PKCS#8, as the portal's configuration takes it. */
  public static String privateKey() {
    return Base64.getEncoder().encodeToString(PAIR.getPrivate().getEncoded());
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }
}
