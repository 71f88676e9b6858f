package org.openucp.clinical.audit.service;

import java.time.Instant;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;

/** Which audit events to return; every criterion is optional and they combine. */
public record AuditQuery(NhsNumber nhsNumber, String actorId, OdsCode organisation, Instant from, Instant to) {
}
