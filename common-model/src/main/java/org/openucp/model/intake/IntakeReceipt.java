package org.openucp.model.intake;

import java.time.Instant;
import java.util.UUID;

/** The clinical intake's answer: the same receipt for every delivery of one draft. */
public record IntakeReceipt(UUID submissionId, UUID draftId, Instant receivedAt) {
}
