package org.openucp.portal.proxy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A patient's invitation to a proxy, and then that proxy's access. */
@Entity
@Table(name = "proxy_invitation")
public class ProxyInvitation extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "patient_nhs_number", nullable = false)
  public String patientNhsNumber;
  @Column(name = "patient_email")
  public String patientEmail;
  @Column(name = "proxy_email", nullable = false)
  public String proxyEmail;
  @Column(name = "proxy_birthdate", nullable = false)
  public LocalDate proxyBirthdate;
  @Column(name = "token_hash", nullable = false)
  public String tokenHash;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ProxyStatus status;
  @Column(name = "failed_attempts", nullable = false)
  public int failedAttempts;
  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
  @Column(name = "accepted_at")
  public Instant acceptedAt;
  @Column(name = "proxy_subject")
  public String proxySubject;
  @Column(name = "last_viewed_at")
  public Instant lastViewedAt;
  @Column(name = "revoked_at")
  public Instant revokedAt;
}
