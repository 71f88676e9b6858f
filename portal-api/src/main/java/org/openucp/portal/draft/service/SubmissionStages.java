package org.openucp.portal.draft.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.openucp.portal.draft.SubmissionStage;
import org.openucp.portal.myplan.service.MyPlanService;
import org.openucp.portal.security.Patient;
import org.openucp.portal.transfer.SubmissionReceipt;

/**
 * Where each of a patient's submissions stands, from the portal's receipts and, once one has been delivered, the
 * clinical API's record of it: each stage describes that submission, whatever else happened to the patient's plan.
 */
@ApplicationScoped
public class SubmissionStages {

  private final DraftService drafts;
  private final MyPlanService plans;

  public SubmissionStages(DraftService drafts, MyPlanService plans) {
    this.drafts = drafts;
    this.plans = plans;
  }

  /** A receipt and the stage of its submission. */
  public record Staged(SubmissionReceipt receipt, SubmissionStage stage) {
  }

  public Uni<List<Staged>> of(Patient patient) {
    return drafts.submissions(patient).chain(receipts -> receipts.stream()
            .noneMatch(receipt -> receipt.deliveredAt != null && receipt.erasedAt == null)
        ? Uni.createFrom().item(staged(receipts, Optional.empty()))
        : plans.clinicalStatus(patient).map(status -> staged(receipts, status)));
  }

  private static List<Staged> staged(List<SubmissionReceipt> receipts, Optional<JsonNode> clinical) {
    return receipts.stream().map(receipt -> new Staged(receipt, stageOf(receipt, clinical))).toList();
  }

  static SubmissionStage stageOf(SubmissionReceipt receipt, Optional<JsonNode> clinical) {
    if (receipt.erasedAt != null) {
      return SubmissionStage.ERASED;
    }
    if (receipt.deliveredAt == null) {
      return SubmissionStage.SUBMITTED;
    }
    if (clinical.isEmpty()) {
      return SubmissionStage.WITH_CLINICAL_TEAM;
    }
    JsonNode status = clinical.get();
    JsonNode held = null;
    for (JsonNode submission : status.path("submissions")) {
      if (receipt.draftId.toString().equals(submission.path("draftId").asText())) {
        held = submission;
      }
    }
    if (held == null) {
      return SubmissionStage.ERASED;
    }
    Instant claimedAt = instant(held.path("claimedAt"));
    Instant publishedAt = status.path("published").asBoolean(false) ? instant(status.path("publishedAt")) : null;
    return claimedAt != null && publishedAt != null && publishedAt.isAfter(claimedAt)
        ? SubmissionStage.COMPLETED : SubmissionStage.WITH_CLINICAL_TEAM;
  }

  private static Instant instant(JsonNode value) {
    try {
      return value.isTextual() ? Instant.parse(value.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
