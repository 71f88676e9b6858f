package org.openucp.clinical.notice.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.ReconsentNotification;
import org.openucp.clinical.notice.repository.PrivacyNoticeRepository;
import org.openucp.clinical.notice.repository.ReconsentRepository;
import org.openucp.clinical.rights.Restriction;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.clinical.rights.service.Restrictions;
import org.openucp.model.identity.NhsNumber;

/**
 * What recording and withdrawing consent do about privacy notices, inside the consent's own transaction: consent
 * names the notice it is given under; given again, it ends the wait for it (and a restriction for want of it); withdrawn,
 * it ends the asking.
 */
@ApplicationScoped
public class Reconsent {

  /** The reason a plan restricted for want of re-consent gives (and its care team and IG see). */
  public static final String REASON = "re-consent overdue";
  /** Who restricts a plan for want of re-consent: the job, not a person. */
  public static final String RESTRICTED_BY = "openucp:reconsent-restrictions";

  private final PrivacyNoticeRepository notices;
  private final ReconsentRepository reconsents;
  private final RestrictionRepository restrictions;
  private final Restrictions restricting;

  public Reconsent(PrivacyNoticeRepository notices, ReconsentRepository reconsents, RestrictionRepository restrictions,
      Restrictions restricting) {
    this.notices = notices;
    this.reconsents = reconsents;
    this.restrictions = restrictions;
    this.restricting = restricting;
  }

  /**
   * The notice a consent being written now is given under, with the lock that keeps a publication from slipping in
   * before the consent commits. Take it before touching the consent row (a publication updates consent rows).
   */
  public Uni<PrivacyNotice> noticeForConsentNow() {
    return notices.lockForConsent().chain(notices::newest);
  }

  public Uni<PrivacyNotice> notice(UUID id) {
    return id == null ? Uni.createFrom().nullItem() : notices.findById(id);
  }

  /**
   * The patient's restriction if it is the one the job made for want of re-consent (which consent given again lifts),
   * else null: a restriction the patient asked for, or that information governance made, stays theirs to decide.
   */
  public Uni<Restriction> restrictedForReconsent(NhsNumber patient) {
    return restrictions.findById(patient.value()).map(found -> isForReconsent(found) ? found : null);
  }

  public static boolean isForReconsent(Restriction restriction) {
    return restriction != null && REASON.equals(restriction.reason) && RESTRICTED_BY.equals(restriction.restrictedBy)
        && restriction.rightsRequestId == null;
  }

  /**
   * Consent was given again under the current notice: pending emails are no longer needed, the care team's tasks
   * are done, and a restriction for want of it is lifted, which brings the published plan back to urgent care.
   */
  public Uni<Void> obtained(NhsNumber patient, String by, Instant at) {
    return reconsents.obtained(patient.value(), by, at)
        .chain(() -> restrictedForReconsent(patient))
        .chain(restriction -> restriction == null ? Uni.createFrom().voidItem()
            : restricting.liftWithin(restriction));
  }

  /**
   * Consent was withdrawn and the plan erased (call it after): nothing is asked of the patient any more, and a
   * restriction for want of re-consent has nothing left to hold back.
   */
  public Uni<Void> withdrawn(NhsNumber patient, String by, Instant at) {
    return reconsents.erased(patient.value(), by, at)
        .chain(() -> restrictedForReconsent(patient))
        .chain(restriction -> restriction == null ? Uni.createFrom().voidItem()
            : restricting.liftWithin(restriction));
  }

  /** Whether the portal reached the patient about the newest request for their consent (null: none asked). */
  public Uni<ReconsentNotification> newestNotification(NhsNumber patient) {
    return reconsents.newestFor(patient.value());
  }
}
