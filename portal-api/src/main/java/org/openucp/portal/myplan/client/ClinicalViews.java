package org.openucp.portal.myplan.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.model.plan.PlanContent;

/**
 * What the portal relays unchanged from the clinical API's patient access, described for this API's OpenAPI
 * document: the same names and members as the clinical document's schemas, which web/contract's check compares.
 */
public final class ClinicalViews {

  private ClinicalViews() {
  }

  /** The published plan as the patient (or their proxy) reads it, with its publication stamp. */
  @Schema(name = "PatientPlan")
  public record PatientPlan(int version, Instant publishedAt, String publishedBy, String organisation,
      PlanContent content) {
  }

  /** One access to the patient's record by staff. */
  @Schema(name = "Access")
  public record Access(Instant at, String role, String organisation, String action) {
  }

  /** Where the patient's rights request stands: received, when the answer is due, and the answer once sent. */
  @Schema(name = "PatientRightsRequestView")
  public record PatientRightsRequestView(UUID id,
      @Schema(enumeration = {"ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "OBJECTION", "PORTABILITY"})
      String kind,
      Instant receivedAt, LocalDate answerDueOn,
      @Schema(enumeration = {"OPEN", "COMPLETED", "REFUSED"}) String status,
      String reply, Instant repliedAt) {
  }

  /** The clinical store's erasure receipt: what kinds of record were erased and how many, when, on whose request. */
  @Schema(name = "ClinicalErasureReceipt")
  public record ClinicalErasureReceipt(Instant erasedAt, String requestedBy, String requestedByOrganisation,
      boolean planErased, int versionsDeleted, boolean draftDeleted, boolean consentDeleted, long attachmentsDeleted,
      long submissionsDeleted) {
  }
}
