package org.openucp.clinical.rights.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.plan.Attachment;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.model.plan.PlanContent;

/**
 * A copy of everything the clinical store holds about one patient (UK GDPR Art 15), machine-readable, with the
 * explanations a reply must give. What the patient portal holds (their drafts and proxies) the portal exports.
 *
 * @param plan null when no plan is held
 * @param accessLog every access by staff, in order: which organisation, which role, what, how it ended
 * @param restricted whether the patient's data is restricted from use
 */
public record AccessExport(String nhsNumber, Instant generatedAt, Explanation explanation, PlanHeld plan,
    List<Submission> submissions, List<AccessEntry> accessLog, List<RequestEntry> rightsRequests,
    boolean restricted) {

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

  public record ConsentRecord(ConsentBasis basis, Instant recordedAt, String recordedBy, String notes) {

    static ConsentRecord of(Consent consent) {
      return new ConsentRecord(consent.basis, consent.recordedAt, consent.recordedByName, consent.notes);
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

  static final Explanation EXPLANATION = new Explanation(
      "To let the health and care professionals who look after you, and urgent care services (ambulance, NHS 111, "
          + "out-of-hours GPs, emergency departments), know your wishes and your care plan in a crisis. The lawful "
          + "bases are UK GDPR Art 6(1)(e) and Art 9(2)(h), for health and social care.",
      "Your identity and contact details, the people who support you, your health conditions and medicines, "
          + "your wishes about treatment, resuscitation and where you are cared for, documents you or your care "
          + "team attached, the consent you gave, and the record of who accessed your plan.",
      "Health and care organisations that have joined the service and signed its information sharing agreement: "
          + "your care team, and urgent care services when they look after you. Each access is in the access log.",
      "An adult's plan is kept for 8 years after the person was last seen or died, following the NHS Records "
          + "Management Code of Practice; the record of who accessed it for as long as the plan. Withdrawing your "
          + "consent deletes your plan.",
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
