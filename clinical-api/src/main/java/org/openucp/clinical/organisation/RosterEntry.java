package org.openucp.clinical.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** A member of an organisation's staff whom it has trained and authorised to use the service. */
@Entity
@Table(name = "roster_entry")
@IdClass(RosterEntry.Key.class)
public class RosterEntry extends PanacheEntityBase {

  @Id
  @Column(name = "ods_code")
  public String odsCode;
  @Id
  @Column(name = "user_id")
  public String userId;
  @Column(nullable = false)
  public String name;
  /** Work email, to reach the member of staff about their access or training. */
  @Column(name = "email")
  public String email;
  @Column(name = "job_role")
  public String jobRole;
  /** The job title as the organisation calls it (the job role is the CIS2 code). */
  @Column(name = "job_title")
  public String jobTitle;
  /** The training course completed for this service. */
  @Column(name = "course")
  public String course;
  @Column(name = "training_completed_on")
  public LocalDate trainingCompletedOn;

  /** The composite key: one entry per user per organisation. */
  public static class Key implements Serializable {
    public String odsCode;
    public String userId;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(odsCode, key.odsCode) && Objects.equals(userId, key.userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(odsCode, userId);
    }
  }
}
