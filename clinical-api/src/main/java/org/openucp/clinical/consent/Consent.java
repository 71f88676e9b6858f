package org.openucp.clinical.consent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.model.care.ConsentBasis;

/** The lawful basis on which a plan is held: without it a plan cannot be published. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

  @Id
  @Column(name = "plan_id")
  public UUID planId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ConsentBasis basis;
  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;
  @Column(name = "recorded_by_name")
  public String recordedByName;
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
  public String notes;
  /** For a person under 18: who holds parental responsibility. */
  @Column(name = "parental_responsibility")
  public String parentalResponsibility;
  /** For a best-interests decision: who was consulted. */
  public String consulted;
  /**
   * The privacy notice the consent was given under. When a consent is written without one the database names the
   * current notice (migration V17), so every path that records consent, initiation included, names it.
   */
  @Column(name = "privacy_notice_id")
  public UUID privacyNoticeId;
  /** A later notice whose purposes changed, under which consent must be given again; null when none is needed. */
  @Column(name = "reconsent_notice_id")
  public UUID reconsentNoticeId;
  /** By when, after which the plan is restricted until it is given (or withdrawn). */
  @Column(name = "reconsent_due_at")
  public Instant reconsentDueAt;
  /** When the plan was restricted for want of it: once per request for consent. */
  @Column(name = "reconsent_restricted_at")
  public Instant reconsentRestrictedAt;

  /** Records the basis as stated now by this member of staff, replacing what was recorded before. */
  public Consent recordedBy(StaffMember staff, PlanService.ConsentStatement statement, Instant at) {
    basis = statement.basis();
    notes = statement.notes();
    parentalResponsibility = statement.parentalResponsibility();
    consulted = statement.consulted();
    recordedBy = staff.id();
    recordedByName = staff.name();
    recordedAt = at;
    return this;
  }

  /** Given under this notice, the current one: whatever a notice asked of consent given under an earlier one is met. */
  public Consent givenUnder(UUID noticeId) {
    privacyNoticeId = noticeId;
    reconsentNoticeId = null;
    reconsentDueAt = null;
    reconsentRestrictedAt = null;
    return this;
  }

  public boolean reconsentRequired() {
    return reconsentNoticeId != null;
  }
}
