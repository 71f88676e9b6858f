package org.openucp.clinical.breach.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.breach.BreachCategory;
import org.openucp.clinical.breach.NoticeExemption;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;

/** What the information governance team writes into the breach register, each checked field by field. */
public final class BreachInput {

  static final int TEXT = 10_000;

  private BreachInput() {
  }

  /**
   * The facts of a breach (Art 33(5)): what happened, to which kind of security, when it happened if known, when the
   * operator became aware (the ICO clock starts then), the likely consequences and the measures taken or proposed.
   */
  public record Facts(
      @NotBlank @Size(max = TEXT) String whatHappened,
      @NotNull BreachCategory category,
      Instant occurredAt,
      @NotNull Instant awareAt,
      @Size(max = TEXT) String likelyConsequences,
      @Size(max = TEXT) String measuresTaken,
      @Min(0) @Max(100_000_000) Integer approximatePatients,
      @Min(0) @Max(1_000_000_000) Integer approximateRecords) {
  }

  /**
   * Which accesses in the audit trail the breach was: a user's and/or an organisation's, from a time (inclusive) to
   * a time (exclusive, now if not given), of one action if given.
   */
  public record AuditFilter(
      @Size(max = 100) String userId,
      OdsCode organisation,
      @NotNull Instant from,
      Instant to,
      @Size(max = 50) String action) {
  }

  /** Patients known to be affected, added by hand. */
  public record Patients(@NotEmpty @Size(max = 1000) List<@NotNull NhsNumber> nhsNumbers) {
  }

  /**
   * The decision on notifying the ICO, with its reason either way; when the ICO was notified and, if that was after
   * the deadline, why. A class rather than a record: a record cannot have a component called {@code notify}.
   */
  @Schema(name = "RegulatorDecision")
  public static final class Decision {

    /** Whether the ICO is to be notified. */
    @NotNull
    public Boolean notify;
    /** Why, either way. */
    @NotBlank
    @Size(max = TEXT)
    public String reason;
    /** When the ICO was notified, once it was. */
    public Instant notifiedAt;
    /** Why the ICO was notified after the deadline (required then). */
    @Size(max = TEXT)
    public String delayReason;
    /** The ICO's reference for the report. */
    @Size(max = 100)
    public String reference;
  }

  /** A care provider the operator liaised with: which, when, with whom at the provider, and what was said. */
  public record ProviderLiaison(
      @NotNull OdsCode organisation,
      @NotNull Instant liaisedAt,
      @NotBlank @Size(max = 200) String contact,
      @Size(max = TEXT) String notes) {
  }

  /**
   * Whether the breach is a serious incident, and why: a serious incident is kept 20 years from the incident rather
   * than 10 (clinical.retention.serious-incident-minimum). Taking the mark off needs its reason too.
   */
  public record Seriousness(@NotNull Boolean serious, @NotBlank @Size(max = TEXT) String reason) {
  }

  /**
   * The assessment of the risk to patients (Art 34): high or not, the Art 34(3) exemption used if any, why, and for
   * the notice what patients can do and whom they contact.
   */
  public record PatientRisk(
      @NotNull Boolean highRisk,
      NoticeExemption exemption,
      @Size(max = TEXT) String reason,
      @Size(max = TEXT) String whatPatientsCanDo,
      @Size(max = 1000) String contactPoint) {
  }
}
