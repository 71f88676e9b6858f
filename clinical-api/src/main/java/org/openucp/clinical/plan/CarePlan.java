package org.openucp.clinical.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A person's one urgent care plan: its working draft, if any, and how many versions have been published. The
 * revision moves on with every change and is the plan's ETag.
 */
@Entity
@Table(name = "care_plan")
public class CarePlan extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "nhs_number", nullable = false, updatable = false)
  public String nhsNumber;
  /** The draft as JSON ({@code PlanContent}); null when everything is published. */
  @Column(name = "draft_content")
  public String draftContent;
  @Version
  @Column(name = "draft_revision")
  public long revision;
  @Column(name = "draft_updated_at")
  public Instant draftUpdatedAt;
  @Column(name = "draft_updated_by")
  public String draftUpdatedBy;
  /** The number of the newest published version; 0 before the first publication. */
  @Column(name = "latest_version", nullable = false)
  public int latestVersion;
  @Column(name = "owning_organisation", nullable = false)
  public String owningOrganisation;
  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;
  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  public boolean hasDraft() {
    return draftContent != null;
  }

  public boolean isPublished() {
    return latestVersion > 0;
  }
}
