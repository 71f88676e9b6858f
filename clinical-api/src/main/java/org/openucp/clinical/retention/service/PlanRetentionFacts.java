package org.openucp.clinical.retention.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What a plan's retention depends on, as stored.
 *
 * <p>"Last seen": this service never sees the person, so it takes the latest sign that the plan was in use for their
 * care: the plan's creation, its last publication, its last draft update, and the last successful access to the
 * patient's data by staff of any organisation other than the operator (care team and urgent care alike), from the
 * audit trail. Why all of these: the Code counts from "support ended or person last seen" and resets the period when
 * a record "comes back into use"; a paramedic or NHS 111 reading the crisis view is the person being seen with the
 * plan in use, and may happen years after the care team last edited it, so publication and draft dates alone would
 * start the clock too early, and destroy a plan that is still needed. Reading more than the care team's accesses
 * only ever keeps a plan longer. Not counted: the operator's own staff (information governance reading a plan to
 * appraise it must not keep it alive for ever), the patient reading their own plan through the portal (not a contact
 * with care), refused or failed requests, and recording or reading the death itself. The audit events a plan's last
 * access is read from are never destroyed while the plan is held (see AuditTrailDestruction).
 *
 * @param lastWorkedOn the latest of creation, last publication and last draft update
 * @param lastAccessedAt the last counted access in the audit trail; null when none, or not read (the person died)
 * @param keptUntil the latest review date of an earlier appraisal that decided to keep the plan
 */
public record PlanRetentionFacts(UUID planId, String nhsNumber, Instant createdAt, String content,
    Instant lastWorkedOn, Instant lastAccessedAt, LocalDate diedOn, LocalDate keptUntil) {

  /** The day the person was last seen. */
  public LocalDate lastSeen() {
    Instant latest = lastAccessedAt != null && lastAccessedAt.isAfter(lastWorkedOn) ? lastAccessedAt : lastWorkedOn;
    return LocalDate.ofInstant(latest, ZoneOffset.UTC);
  }
}
