package org.openucp.clinical.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.UUID;
import org.openucp.clinical.security.Caller;
import org.openucp.model.identity.NhsNumber;

/** One access to patient data: who, acting how, did what to whose plan, when, why, and how it ended. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

  /** The hash the first event links to. */
  public static final String GENESIS = "0".repeat(64);

  @Id
  public long seq;
  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;
  @Column(name = "actor_id")
  public String actorId;
  @Column(name = "actor_name")
  public String actorName;
  @Column(name = "role_code")
  public String roleCode;
  public String organisation;
  @Column(name = "nhs_number")
  public String nhsNumber;
  @Column(name = "plan_id")
  public UUID planId;
  @Column(name = "plan_version")
  public Integer planVersion;
  @Column(nullable = false)
  public String action;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public AuditOutcome outcome;
  @Column(name = "http_status", nullable = false)
  public int httpStatus;
  public String reason;
  private static final int MAX_REASON = 500;

  /**
   * The event for one request: what was done, how it ended, who called (null when nobody authenticated), what the
   * service learnt about the patient data touched, and why the caller said they looked.
   *
   * @param pathPatient the patient named in the request path, when the service did not name one
   * @param statedReason the reason the caller gave, when the service did not record one
   */
  public static AuditEvent of(String action, int httpStatus, Instant at, Caller caller, AuditContext context,
      NhsNumber pathPatient, String statedReason) {
    AuditEvent event = new AuditEvent();
    event.occurredAt = at;
    event.action = action;
    event.httpStatus = httpStatus;
    event.outcome = context.isRestricted() ? AuditOutcome.RESTRICTED : httpStatus < 400 ? AuditOutcome.SUCCESS
        : httpStatus == 401 || httpStatus == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
    NhsNumber patient = context.nhsNumber() != null ? context.nhsNumber() : pathPatient;
    event.nhsNumber = patient == null ? null : patient.value();
    event.planId = context.planId();
    event.planVersion = context.planVersion();
    String reason = context.reason() != null ? context.reason() : statedReason;
    event.reason = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    if (caller != null) {
      event.actorId = caller.id();
      if (caller instanceof Caller.StaffMember staff) {
        event.actorName = staff.name();
        event.roleCode = staff.jobRoleCode();
        event.organisation = staff.organisation().value();
      } else if (caller instanceof Caller.ServiceClient service) {
        event.roleCode = String.join(" ", new TreeSet<>(service.serviceRoles()));
      }
    }
    if (context.onBehalfOfKind() != null) {
      // The portal acted for a patient or proxy: they are who accessed the plan.
      event.actorId = context.onBehalfOfKind().toLowerCase() + ":" + context.onBehalfOf();
      event.actorName = null;
      event.roleCode = context.onBehalfOfKind();
    }
    return event;
  }

  /** The same event about one of the patients a list read showed. */
  public AuditEvent about(NhsNumber patient) {
    AuditEvent copy = new AuditEvent();
    copy.occurredAt = occurredAt;
    copy.actorId = actorId;
    copy.actorName = actorName;
    copy.roleCode = roleCode;
    copy.organisation = organisation;
    copy.nhsNumber = patient.value();
    copy.action = action;
    copy.outcome = outcome;
    copy.httpStatus = httpStatus;
    copy.reason = reason;
    return copy;
  }

  /**
   * The hash that links this event into the chain after an event hashed {@code previousHash}: it covers every field
   * and the previous hash, so altering, removing or reordering events breaks the chain.
   */
  public String hashAfter(String previousHash) {
    String canonical = String.join("|", Long.toString(seq), occurredAt.toString(), text(actorId), text(actorName),
        text(roleCode), text(organisation), text(nhsNumber), planId == null ? "" : planId.toString(),
        planVersion == null ? "" : planVersion.toString(), action, outcome.name(), Integer.toString(httpStatus),
        text(reason), previousHash);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String text(String value) {
    return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|");
  }
}
