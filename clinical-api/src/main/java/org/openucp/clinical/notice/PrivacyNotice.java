package org.openucp.clinical.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One published version of the privacy notice, with the purposes it says the data is used for. The newest is the one
 * consent is given under now. Published notices never change (the database refuses it): a correction is a new version.
 */
@Entity
@Table(name = "privacy_notice")
public class PrivacyNotice extends PanacheEntityBase {

  @Id
  public UUID id;
  /** Publication order: 1 for the first notice. */
  @Column(nullable = false, updatable = false)
  public int seq;
  @Column(nullable = false, updatable = false)
  public String version;
  @Column(updatable = false)
  public String text;
  @Column(updatable = false)
  public String url;
  @Column(name = "effective_from", nullable = false, updatable = false)
  public Instant effectiveFrom;
  @Column(name = "published_at", nullable = false, updatable = false)
  public Instant publishedAt;
  @Column(name = "published_by", nullable = false, updatable = false)
  public String publishedBy;
  @Column(name = "published_by_name", updatable = false)
  public String publishedByName;
  /** Whether its purposes added to or changed those of the notice before it. */
  @Column(name = "reconsent_required", nullable = false, updatable = false)
  public boolean reconsentRequired;
  /** By when consent given under an earlier notice must be given again; null when none is needed. */
  @Column(name = "reconsent_due_at", updatable = false)
  public Instant reconsentDueAt;

  /** Its purposes, in order: read separately (see {@code PrivacyNoticeRepository#withPurposes}). */
  @Transient
  public List<Purpose> purposes = List.of();

  /** A purpose of processing: a short stable code and what it means for the patient. */
  public record Purpose(String code, String description) {
  }
}
