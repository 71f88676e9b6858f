package org.openucp.portal.draft;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.identity.Postcode;

/** What a patient writes in their draft. Their NHS number comes from their NHS login, never from the body. */
public record DraftContent(
    /** The GP practice or care team to send it to, from {@code GET /care-teams}; needed to submit. */
    OdsCode organisation,
    @NotNull Postcode postcode,
    @Email @Size(max = 254) String email,
    PlaceOfCare preferredPlaceOfCare,
    FunctionalLevel functionalLevel,
    @Size(max = 4000) String thoughtsAboutFutureCare,
    @Valid KeySupporter keySupporter) {
}
