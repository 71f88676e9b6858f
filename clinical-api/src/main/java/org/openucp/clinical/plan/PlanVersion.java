package org.openucp.clinical.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A published version of a plan: immutable, with who published it, in what role, for which organisation. */
@Entity
@Table(name = "plan_version")
@IdClass(PlanVersion.Key.class)
public class PlanVersion extends PanacheEntityBase {

  @Id
  @Column(name = "plan_id")
  public UUID planId;
  @Id
  public int version;
  @Column(nullable = false, updatable = false)
  public String content;
  @Column(name = "published_at", nullable = false, updatable = false)
  public Instant publishedAt;
  @Column(name = "published_by", nullable = false, updatable = false)
  public String publishedBy;
  @Column(name = "published_by_name", updatable = false)
  public String publishedByName;
  @Column(name = "role_code", nullable = false, updatable = false)
  public String roleCode;
  @Column(name = "role_name", updatable = false)
  public String roleName;
  @Column(nullable = false, updatable = false)
  public String organisation;
  /** The organisation's name when the version was published; null only where it had not joined by then. */
  @Column(name = "organisation_name", updatable = false)
  public String organisationName;
  /** Why this version corrects the one before (a rectification), or null for an ordinary publication. */
  @Column(name = "correction_reason", updatable = false)
  public String correctionReason;

  /** The composite key: a plan and a version number. */
  public static class Key implements Serializable {
    public UUID planId;
    public int version;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(planId, key.planId) && version == key.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(planId, version);
    }
  }
}
