package org.openucp.clinical.retention.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openucp.clinical.retention.repository.PlanRetentionRepository;

/**
 * The NHS number as the destruction log keeps it: HMAC-SHA-256 under a random key made for the deployment by the
 * migration. Why a hash rather than the number: the log is kept permanently, long after every record of the patient
 * has gone, and keeping an identifier for ever would keep personal data beyond its purpose; but the stub must still
 * answer "did you hold, and destroy, a plan for this patient, when and on whose authority?" (a subject access
 * request, a court, an inquest), so whoever already has the NHS number can find the stub. Why keyed: there are only
 * about a billion valid NHS numbers, so a plain hash would be reversed by trying them all; with the key kept apart
 * from the log, a copy of the log alone names no one.
 */
@ApplicationScoped
public class StubHashes {

  private final PlanRetentionRepository repository;
  private volatile byte[] key;

  public StubHashes(PlanRetentionRepository repository) {
    this.repository = repository;
  }

  public Uni<String> of(String nhsNumber) {
    Uni<byte[]> loaded = key != null ? Uni.createFrom().item(key)
        : repository.stubKey().map(hex -> key = HexFormat.of().parseHex(hex.strip()));
    return loaded.map(secret -> hmac(secret, nhsNumber));
  }

  private static String hmac(byte[] secret, String nhsNumber) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(nhsNumber.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
    }
  }
}
