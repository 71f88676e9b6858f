package org.openucp.clinical.rights;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A patient's data restricted from use (UK GDPR Art 18), or held back while their objection (Art 21) is decided:
 * kept, but out of every urgent-care path and refused to every reader but information governance. Lifting needs a
 * notice to the patient first (Art 18(3)).
 */
@Entity
@Table(name = "restriction")
public class Restriction extends PanacheEntityBase {

  @Id
  @Column(name = "nhs_number")
  public String nhsNumber;
  @Column(nullable = false)
  public String reason;
  @Column(name = "rights_request_id")
  public UUID rightsRequestId;
  @Column(name = "restricted_at", nullable = false)
  public Instant restrictedAt;
  @Column(name = "restricted_by", nullable = false)
  public String restrictedBy;
  @Column(name = "lift_notice")
  public String liftNotice;
  @Column(name = "lift_notice_sent_at")
  public Instant liftNoticeSentAt;
  @Column(name = "lift_notice_by")
  public String liftNoticeBy;
}
