package org.openucp.portal.draft.rest;

import java.time.Instant;
import java.util.UUID;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.DraftStatus;

/** A patient's draft as the portal shows it to them. */
public record DraftView(UUID id, DraftStatus status, String nhsNumber, String organisation, String postcode,
    String email,
    PlaceOfCare preferredPlaceOfCare, FunctionalLevel functionalLevel, String thoughtsAboutFutureCare,
    KeySupporter keySupporter, long version, Instant createdAt, Instant updatedAt, Instant submittedAt) {

  static DraftView of(Draft draft) {
    return new DraftView(draft.id, draft.status, draft.nhsNumber, draft.organisation, draft.postcode, draft.email,
        draft.preferredPlaceOfCare, draft.functionalLevel, draft.thoughtsAboutFutureCare, draft.keySupporter(),
        draft.version, draft.createdAt, draft.updatedAt, draft.submittedAt);
  }
}
