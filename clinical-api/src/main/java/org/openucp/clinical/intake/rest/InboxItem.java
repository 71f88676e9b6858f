package org.openucp.clinical.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.model.intake.SubmittedDraft;

/** A submitted draft as a clinician sees it in the intake inbox. */
public record InboxItem(UUID id, String organisation, Instant receivedAt, Instant forwardedAt, Instant claimedAt,
    String claimedBy, UUID planId, SubmittedDraft draft) {

  static InboxItem of(SubmittedDraftRecord submission) {
    return new InboxItem(submission.id, submission.organisation, submission.receivedAt, submission.forwardedAt,
        submission.claimedAt, submission.claimedBy, submission.planId, submission.content());
  }
}
