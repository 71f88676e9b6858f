package org.openucp.clinical.rights.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.plan.service.PublicationEffects;
import org.openucp.clinical.rights.Restriction;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.time.StatedTimes;

/**
 * Restriction of a patient's data (UK GDPR Art 18; also while an objection is decided): the plan stays stored but
 * leaves every urgent-care path (crisis lookup and search, flag feed, NRL) and every other reader refuses it
 * ({@code PlanService}); lifting it needs a notice to the patient first, and brings the published plan back.
 */
@ApplicationScoped
public class Restrictions {

  private final RestrictionRepository restrictions;
  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final PlanContentCodec codec;
  private final PublicationEffects effects;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public Restrictions(RestrictionRepository restrictions, CarePlanRepository plans, PlanVersionRepository versions,
      PlanContentCodec codec, PublicationEffects effects, AccessGuard access, AuditContext audit, Clock clock) {
    this.restrictions = restrictions;
    this.plans = plans;
    this.versions = versions;
    this.codec = codec;
    this.effects = effects;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<Restriction>> list() {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> restrictions.listAll(Sort.by("restrictedAt")))
        .invoke(found -> audit.revealed(found.stream().map(r -> NhsNumber.of(r.nhsNumber)).toList()));
  }

  /** Restricts the patient's data, or leaves an existing restriction as it is. */
  @WithTransaction
  public Uni<Restriction> restrict(NhsNumber patient, String reason, UUID rightsRequestId) {
    audit.patient(patient);
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> restrictWithin(staff.id(), patient, reason, rightsRequestId));
  }

  /**
   * The same inside the caller's transaction, after the caller was checked (a rights request that restricts, from
   * information governance or from the patient themself).
   */
  public Uni<Restriction> restrictWithin(String restrictedBy, NhsNumber patient, String reason,
      UUID rightsRequestId) {
    return restrictions.findById(patient.value()).chain(existing -> {
      if (existing != null) {
        return Uni.createFrom().item(existing);
      }
      Restriction restriction = new Restriction();
      restriction.nhsNumber = patient.value();
      restriction.reason = reason;
      restriction.rightsRequestId = rightsRequestId;
      restriction.restrictedAt = clock.instant();
      restriction.restrictedBy = restrictedBy;
      return restrictions.persist(restriction)
          .call(() -> plans.findByPatient(patient).chain(plan -> plan == null ? Uni.createFrom().voidItem()
              : effects.hidden(plan)));
    });
  }

  /** Records the notice sent to the patient that their restriction will be lifted (Art 18(3)). */
  @WithTransaction
  public Uni<Restriction> noticeOfLifting(NhsNumber patient, String notice, Instant sentAt) {
    audit.patient(patient);
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(patient)
        .map(restriction -> {
          Instant now = clock.instant();
          if (sentAt != null) {
            StatedTimes.require("sentAt", sentAt, now);
          }
          restriction.liftNotice = notice;
          restriction.liftNoticeSentAt = sentAt == null ? now : sentAt;
          restriction.liftNoticeBy = staff.id();
          return restriction;
        }));
  }

  /** Lifts the restriction once the patient has been told, and brings the published plan back to urgent care. */
  @WithTransaction
  public Uni<Void> lift(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(patient))
        .chain(restriction -> {
          if (restriction.liftNoticeSentAt == null) {
            throw ProblemException.conflict("lift-notice-required", "The patient has not been told",
                "Record the notice sent to the patient before lifting the restriction (UK GDPR Art 18(3))");
          }
          return restrictions.delete("nhsNumber", restriction.nhsNumber);
        })
        .chain(() -> republish(patient));
  }

  /**
   * Lifts, inside the caller's transaction, a restriction whose cause the patient has just ended themself, in person
   * (consent given again): they know, so no notice of lifting is owed. Brings the published plan back.
   */
  public Uni<Void> liftWithin(Restriction restriction) {
    return restrictions.delete("nhsNumber", restriction.nhsNumber)
        .chain(() -> republish(NhsNumber.of(restriction.nhsNumber)));
  }

  private Uni<Void> republish(NhsNumber patient) {
    return plans.findByPatient(patient).chain(plan -> {
      if (plan == null || !plan.isPublished()) {
        return Uni.createFrom().voidItem();
      }
      return versions.findVersion(plan.id, plan.latestVersion)
          .chain(version -> effects.published(plan, version, codec.read(version.content)));
    });
  }

  private Uni<Restriction> existing(NhsNumber patient) {
    return restrictions.findById(patient.value()).map(restriction -> {
      if (restriction == null) {
        throw ProblemException.notFound("A restriction for this NHS number");
      }
      return restriction;
    });
  }
}
