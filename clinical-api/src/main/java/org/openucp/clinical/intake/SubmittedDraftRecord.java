package org.openucp.clinical.intake;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.identity.Postcode;
import org.openucp.model.intake.IntakeReceipt;
import org.openucp.model.intake.SubmittedDraft;

/** A patient's own draft as the portal delivered it, waiting for a clinician. */
@Entity
@Table(name = "submitted_draft")
public class SubmittedDraftRecord extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "source_draft_id", nullable = false, updatable = false)
  public UUID sourceDraftId;
  @Column(name = "nhs_number", nullable = false)
  public String nhsNumber;
  /** The organisation whose staff may see and claim it: the one the patient chose, or one it was forwarded to. */
  public String organisation;
  @Column(nullable = false)
  public String postcode;
  public String email;
  @Enumerated(EnumType.STRING)
  @Column(name = "preferred_place_of_care")
  public PlaceOfCare preferredPlaceOfCare;
  @Enumerated(EnumType.STRING)
  @Column(name = "functional_level")
  public FunctionalLevel functionalLevel;
  @Column(name = "thoughts_about_future_care")
  public String thoughtsAboutFutureCare;
  @Column(name = "key_supporter_name")
  public String keySupporterName;
  @Column(name = "key_supporter_relationship")
  public String keySupporterRelationship;
  @Column(name = "key_supporter_phone")
  public String keySupporterPhone;
  @Column(name = "submitted_at", nullable = false)
  public Instant submittedAt;
  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
  @Column(name = "claimed_at")
  public Instant claimedAt;
  @Column(name = "claimed_by")
  public String claimedBy;
  @Column(name = "plan_id")
  public UUID planId;
  @Column(name = "forwarded_at")
  public Instant forwardedAt;
  @Column(name = "forwarded_by")
  public String forwardedBy;

  public boolean isClaimed() {
    return claimedAt != null;
  }

  public static SubmittedDraftRecord from(SubmittedDraft draft, Instant receivedAt) {
    SubmittedDraftRecord submission = new SubmittedDraftRecord();
    submission.id = UUID.randomUUID();
    submission.sourceDraftId = draft.draftId();
    submission.nhsNumber = draft.nhsNumber().value();
    submission.organisation = draft.organisation().value();
    submission.postcode = draft.postcode().value();
    submission.email = draft.email();
    submission.preferredPlaceOfCare = draft.preferredPlaceOfCare();
    submission.functionalLevel = draft.functionalLevel();
    submission.thoughtsAboutFutureCare = draft.thoughtsAboutFutureCare();
    if (draft.keySupporter() != null) {
      submission.keySupporterName = draft.keySupporter().name();
      submission.keySupporterRelationship = draft.keySupporter().relationship();
      submission.keySupporterPhone = draft.keySupporter().phone();
    }
    submission.submittedAt = draft.submittedAt();
    submission.receivedAt = receivedAt;
    return submission;
  }

  public SubmittedDraft content() {
    KeySupporter keySupporter = keySupporterName == null ? null
        : new KeySupporter(keySupporterName, keySupporterRelationship, keySupporterPhone);
    return new SubmittedDraft(sourceDraftId, NhsNumber.of(nhsNumber),
        organisation == null ? null : OdsCode.of(organisation), Postcode.of(postcode), email,
        preferredPlaceOfCare, functionalLevel, thoughtsAboutFutureCare, keySupporter, submittedAt);
  }

  public IntakeReceipt receipt() {
    return new IntakeReceipt(id, sourceDraftId, receivedAt);
  }
}
