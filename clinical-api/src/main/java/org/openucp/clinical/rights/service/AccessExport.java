package org.openucp.clinical.rights.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.breach.AffectedPatient;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.breach.BreachCategory;
import org.openucp.clinical.breach.NoticeExemption;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.plan.Attachment;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.retention.PatientDeath;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.model.plan.PlanContent;

/**
 * A copy of everything the clinical store holds about one patient (UK GDPR Art 15), machine-readable, with the
 * explanations a reply must give. What the patient portal holds (their drafts and proxies) the portal exports.
 *
 * @param plan null when no plan is held
 * @param death the death recorded with the plan, null when none is
 * @param accessLog every access by staff, in order: which organisation, which role, what, how it ended
 * @param breaches the incidents in the breach register that list the patient as affected
 * @param restricted whether the patient's data is restricted from use
 */
public record AccessExport(String nhsNumber, Instant generatedAt, Explanation explanation, PlanHeld plan,
    DeathRecord death, List<Submission> submissions, List<AccessEntry> accessLog, List<RequestEntry> rightsRequests,
    List<BreachEntry> breaches, boolean restricted) {

  /** What Art 15(1) and (2) require besides the data itself. */
  public record Explanation(String purposes, String categories, String recipients, String retention, String rights,
      String complaint, String source, String automatedDecisions, String portalData) {
  }

  public record PlanHeld(String owningOrganisation, List<VersionHeld> versions, PlanContent draft,
      ConsentRecord consent, List<CareTeamEntry> careTeam, List<Document> documents) {
  }

  public record VersionHeld(int version, Instant publishedAt, String publishedBy, String role, String organisation,
      String organisationName, PlanContent content) {

    static VersionHeld of(PlanVersion version, PlanContent content) {
      return new VersionHeld(version.version, version.publishedAt, version.publishedByName,
          version.roleName == null || version.roleName.isBlank() ? version.roleCode : version.roleName,
          version.organisation, version.organisationName, content);
    }
  }

  /**
   * The consent the plan is held on, with the privacy notice it was given under and, when a later notice changed the
   * purposes, the notice it is asked for again under and by when.
   */
  public record ConsentRecord(ConsentBasis basis, Instant recordedAt, String recordedBy, String notes,
      String parentalResponsibility, String consulted, NoticeGiven privacyNotice, NoticeGiven reconsentRequestedUnder,
      Instant reconsentDueAt) {

    static ConsentRecord of(Consent consent, PrivacyNotice givenUnder, PrivacyNotice askedAgainUnder) {
      return new ConsentRecord(consent.basis, consent.recordedAt, consent.recordedByName, consent.notes,
          consent.parentalResponsibility, consent.consulted, NoticeGiven.of(givenUnder),
          NoticeGiven.of(askedAgainUnder), consent.reconsentDueAt);
    }
  }

  /** A version of the privacy notice: which, where to read it, from when it applied. */
  public record NoticeGiven(String version, String url, Instant effectiveFrom) {

    static NoticeGiven of(PrivacyNotice notice) {
      return notice == null ? null : new NoticeGiven(notice.version, notice.url, notice.effectiveFrom);
    }
  }

  /** The death recorded with the plan: when, how the care team knows, who recorded it. */
  public record DeathRecord(LocalDate diedOn, PatientDeath.Source source, String sourceDetail, Instant recordedAt,
      String recordedBy, String organisation, String organisationName) {

    static DeathRecord of(PatientDeath death, Map<String, Organisation> organisations) {
      Organisation organisation = organisations.get(death.organisation);
      return new DeathRecord(death.diedOn, death.source, death.sourceDetail, death.recordedAt,
          death.recordedByName, death.organisation, organisation == null ? null : organisation.name);
    }
  }

  /** Whether the patients a breach affected are told about it, and how. */
  public enum PatientsTold {
    /** Each affected patient is sent the notice, through their care provider. */
    NOTICE_TO_AFFECTED_PATIENTS,
    /** A public notice, as telling each patient would take disproportionate effort. */
    PUBLIC_NOTICE,
    /** Not told: the risk to them was assessed as not high. */
    NOT_TOLD_RISK_NOT_HIGH,
    /** Not told: high risk, but an exemption of Art 34(3) applies (see exemption). */
    NOT_TOLD_EXEMPT,
    /** The risk to patients has not been assessed yet. */
    NOT_YET_ASSESSED
  }

  /**
   * An incident in the breach register that lists the patient as affected: what happened and when, its likely
   * consequences and the measures taken (what Art 34(2) says patients are told), how many of their records (accesses
   * to their data) it touched, and whether patients are told, with the notice when there is one. The register's
   * internal handling (liaisons with care providers, audit searches, who decided what) is not part of the copy.
   */
  public record BreachEntry(UUID id, BreachCategory category, String whatHappened, Instant occurredAt,
      Instant awareAt, String likelyConsequences, String measuresTaken, Instant listedAt, long recordsOfYours,
      PatientsTold patientsTold, NoticeExemption exemption, String notice) {

    static BreachEntry of(Breach breach, AffectedPatient listed, long records) {
      PatientsTold told;
      if (breach.highRisk == null) {
        told = PatientsTold.NOT_YET_ASSESSED;
      } else if (!breach.highRisk) {
        told = PatientsTold.NOT_TOLD_RISK_NOT_HIGH;
      } else if (breach.noticeAudience == Breach.NoticeAudience.PUBLIC) {
        told = PatientsTold.PUBLIC_NOTICE;
      } else if (breach.noticeAudience == Breach.NoticeAudience.AFFECTED_PATIENTS) {
        told = PatientsTold.NOTICE_TO_AFFECTED_PATIENTS;
      } else {
        told = PatientsTold.NOT_TOLD_EXEMPT;
      }
      return new BreachEntry(breach.id, breach.category, breach.whatHappened, breach.occurredAt, breach.awareAt,
          breach.likelyConsequences, breach.measuresTaken, listed.addedAt, records, told,
          breach.highRisk != null && breach.highRisk ? breach.noticeExemption : null, breach.noticeText);
    }
  }

  public record CareTeamEntry(String organisation, String organisationName, Instant addedAt) {
  }

  /** A document attached to the plan: described here, sent with the reply. */
  public record Document(UUID id, String fileName, String mediaType, int bytes, Instant uploadedAt) {

    static Document of(Attachment attachment) {
      return new Document(attachment.id, attachment.fileName, attachment.mediaType,
          attachment.content == null ? 0 : attachment.content.length, attachment.uploadedAt);
    }
  }

  /** A plan the patient submitted from the portal, as the clinical store received it. */
  public record Submission(UUID id, String organisation, Instant submittedAt, Instant receivedAt, Instant claimedAt,
      SubmittedDraft content) {

    static Submission of(SubmittedDraftRecord record) {
      return new Submission(record.id, record.organisation, record.submittedAt, record.receivedAt, record.claimedAt,
          record.content());
    }
  }

  /** One access by staff: the organisation that read or changed the record, the role, what and when. */
  public record AccessEntry(Instant at, String organisation, String organisationName, String role, String action,
      String outcome, String statedReason) {

    static AccessEntry of(AuditEvent event, Map<String, Organisation> organisations) {
      Organisation organisation = organisations.get(event.organisation);
      return new AccessEntry(event.occurredAt, event.organisation, organisation == null ? null : organisation.name,
          event.roleCode, event.action, event.outcome.name(), event.reason);
    }
  }

  public record RequestEntry(UUID id, RightsRequest.Kind kind, Instant receivedAt, RightsRequest.Status status,
      Instant repliedAt) {

    static RequestEntry of(RightsRequest request) {
      return new RequestEntry(request.id, request.kind, request.receivedAt, request.status, request.repliedAt);
    }
  }

  /** What Art 15 requires besides the data, with how long records are kept as the schedule is configured. */
  static Explanation explanation(String retention) {
    return new Explanation(
        "To let the health and care professionals who look after you, and urgent care services (ambulance, NHS 111, "
            + "out-of-hours GPs, emergency departments), know your wishes and your care plan in a crisis. The lawful "
            + "bases are UK GDPR Art 6(1)(e) and Art 9(2)(h), for health and social care.",
        "Your identity and contact details, the people who support you, your health conditions and medicines, "
            + "your wishes about treatment, resuscitation and where you are cared for, documents you or your care "
            + "team attached, the consent you gave and the privacy notice you gave it under, your death once recorded, "
            + "incidents in the breach register that affected your data, and the record of who accessed your plan.",
        "Health and care organisations that have joined the service and signed its information sharing agreement: "
            + "your care team, and urgent care services when they look after you. Each access is in the access log.",
        retention,
        "You may ask us to correct what is wrong (rectification), to restrict or object to its use, to have it "
            + "erased (your consent withdrawal erases the plan), and for a copy you can take elsewhere "
            + "(portability).",
        "You may complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113.",
        "From you (or your proxy) through the patient portal, and from the health and care professionals who "
            + "recorded the plan with your consent.",
        "No decision about you is made by automated means; clinicians decide.",
        "What you started in the patient portal (drafts, people you named as proxies) is held by the portal: ask "
            + "there for its copy.");
  }
}
