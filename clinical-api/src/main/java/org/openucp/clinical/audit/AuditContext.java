package org.openucp.clinical.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.openucp.model.identity.NhsNumber;

/** What a service learnt about the patient data a request touched, for the audit record of that request. */
@RequestScoped
public class AuditContext {

  private NhsNumber nhsNumber;
  private UUID planId;
  private Integer planVersion;
  private String reason;

  public void patient(NhsNumber patient) {
    this.nhsNumber = patient;
  }

  public void plan(UUID id, Integer version) {
    this.planId = id;
    this.planVersion = version;
  }

  public void reason(String statedReason) {
    this.reason = statedReason;
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
