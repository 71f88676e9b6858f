package org.openucp.clinical.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A document attached to a plan, such as a scanned ADRT. */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "plan_id", nullable = false, updatable = false)
  public UUID planId;
  @Column(name = "media_type", nullable = false)
  public String mediaType;
  @Column(name = "file_name")
  public String fileName;
  @Column(nullable = false)
  public byte[] content;
  @Column(name = "uploaded_at", nullable = false)
  public Instant uploadedAt;
  @Column(name = "uploaded_by", nullable = false)
  public String uploadedBy;
}
