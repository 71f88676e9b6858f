package org.openucp.clinical.careteam;

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

/** An organisation whose staff work on a plan: they see its drafts, edit, publish, record consent, withdraw it. */
@Entity
@Table(name = "care_team_member")
@IdClass(CareTeamMember.Key.class)
public class CareTeamMember extends PanacheEntityBase {

  @Id
  @Column(name = "plan_id")
  public UUID planId;
  @Id
  @Column(name = "ods_code")
  public String odsCode;
  @Column(name = "added_at", nullable = false)
  public Instant addedAt;
  @Column(name = "added_by", nullable = false)
  public String addedBy;

  /** The composite identity: one row per plan and organisation. */
  public static class Key implements Serializable {

    public UUID planId;
    public String odsCode;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(planId, key.planId) && Objects.equals(odsCode, key.odsCode);
    }

    @Override
    public int hashCode() {
      return Objects.hash(planId, odsCode);
    }
  }
}
