package org.openucp.portal.draft;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.identity.Postcode;
import org.openucp.model.intake.SubmittedDraft;

/** A patient's own draft urgent care plan, kept only until it has moved to the clinical store. */
@Entity
@Table(name = "draft")
public class Draft extends PanacheEntityBase {

  @Id
  public UUID id;
  @Column(name = "nhs_number", nullable = false, updatable = false)
  public String nhsNumber;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public DraftStatus status;
  /** The ODS code of the organisation the patient sends it to. */
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
  @Version
  public long version;
  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
  @Column(name = "submitted_at")
  public Instant submittedAt;
  @Column(name = "reminder_sent_at")
  public Instant reminderSentAt;

  public static Draft start(NhsNumber patient, Instant now) {
    Draft draft = new Draft();
    draft.id = UUID.randomUUID();
    draft.nhsNumber = patient.value();
    draft.status = DraftStatus.EDITING;
    draft.createdAt = now;
    draft.updatedAt = now;
    return draft;
  }

  /** Replaces what the patient wrote; the NHS number and status are not the patient's to change this way. */
  public void write(DraftContent content, Instant now) {
    organisation = content.organisation() == null ? null : content.organisation().value();
    postcode = content.postcode().value();
    email = content.email();
    preferredPlaceOfCare = content.preferredPlaceOfCare();
    functionalLevel = content.functionalLevel();
    thoughtsAboutFutureCare = content.thoughtsAboutFutureCare();
    setKeySupporter(content.keySupporter());
    updatedAt = now;
  }

  public boolean isEditable() {
    return status == DraftStatus.EDITING;
  }

  public void submit(Instant now) {
    status = DraftStatus.SUBMITTED;
    submittedAt = now;
    updatedAt = now;
  }

  private void setKeySupporter(KeySupporter keySupporter) {
    keySupporterName = keySupporter == null ? null : keySupporter.name();
    keySupporterRelationship = keySupporter == null ? null : keySupporter.relationship();
    keySupporterPhone = keySupporter == null ? null : keySupporter.phone();
  }

  public KeySupporter keySupporter() {
    return keySupporterName == null ? null
        : new KeySupporter(keySupporterName, keySupporterRelationship, keySupporterPhone);
  }

  /** The draft as the clinical intake receives it. */
  public SubmittedDraft asSubmitted() {
    return new SubmittedDraft(id, NhsNumber.of(nhsNumber), organisation == null ? null : OdsCode.of(organisation),
        Postcode.of(postcode), email, preferredPlaceOfCare, functionalLevel, thoughtsAboutFutureCare, keySupporter(),
        submittedAt);
  }
}
