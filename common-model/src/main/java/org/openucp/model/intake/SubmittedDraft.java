package org.openucp.model.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.openucp.model.care.FunctionalLevel;
import org.openucp.model.care.KeySupporter;
import org.openucp.model.care.PlaceOfCare;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.model.identity.Postcode;

/**
 * The contract between the portal and the clinical intake: a patient's own draft, as submitted. The portal sends it
 * with {@code Idempotency-Key: <draftId>}; the clinical side keeps exactly one copy per draft id.
 */
public record SubmittedDraft(
    @NotNull UUID draftId,
    @NotNull NhsNumber nhsNumber,
    /** The GP practice or care team the patient chose to send it to: only its staff see it. */
    @NotNull OdsCode organisation,
    @NotNull Postcode postcode,
    @Email @Size(max = 254) String email,
    PlaceOfCare preferredPlaceOfCare,
    FunctionalLevel functionalLevel,
    @Size(max = 4000) String thoughtsAboutFutureCare,
    @Valid KeySupporter keySupporter,
    @NotNull Instant submittedAt) {
}
