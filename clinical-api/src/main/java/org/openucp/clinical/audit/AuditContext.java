package org.openucp.clinical.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.model.identity.NhsNumber;

/** What a service learnt about the patient data a request touched, for the audit record of that request. */
@RequestScoped
public class AuditContext {

  private NhsNumber nhsNumber;
  private UUID planId;
  private Integer planVersion;
  private String reason;
  private String onBehalfOfKind;
  private String onBehalfOf;
  private Integer recordedStatus;
  private boolean restricted;
  private List<NhsNumber> revealed = List.of();

  public void patient(NhsNumber patient) {
    this.nhsNumber = patient;
  }

  /** The patients a list read showed: each gets an event of its own, so that each patient's trail is complete. */
  public void revealed(List<NhsNumber> patients) {
    this.revealed = patients.stream().distinct().toList();
  }

  public List<NhsNumber> revealed() {
    return revealed;
  }

  public void plan(UUID id, Integer version) {
    this.planId = id;
    this.planVersion = version;
  }

  /** The answer hid a restricted patient's data: recorded as a {@link AuditOutcome#RESTRICTED} access. */
  public void restricted() {
    this.restricted = true;
  }

  public boolean isRestricted() {
    return restricted;
  }

  public void reason(String statedReason) {
    this.reason = statedReason;
  }

  /** The person a service acted for, e.g. {@code PATIENT} or {@code PROXY} and their sign-in subject. */
  public void onBehalfOf(String kind, String subject) {
    this.onBehalfOfKind = kind;
    this.onBehalfOf = subject;
  }

  /**
   * The service appended this request's event itself, together with the read it records, as ending with this
   * status; {@link AuditFilter} then appends one only if the response ends otherwise.
   */
  public void recorded(int httpStatus) {
    this.recordedStatus = httpStatus;
  }

  public boolean isRecorded(int httpStatus) {
    return recordedStatus != null && recordedStatus == httpStatus;
  }

  public String onBehalfOfKind() {
    return onBehalfOfKind;
  }

  public String onBehalfOf() {
    return onBehalfOf;
  }

  public NhsNumber nhsNumber() {
    return nhsNumber;
  }

  public UUID planId() {
    return planId;
  }

  public Integer planVersion() {
    return planVersion;
  }

  public String reason() {
    return reason;
  }
}
