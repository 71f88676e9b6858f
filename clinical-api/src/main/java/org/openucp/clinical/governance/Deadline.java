package org.openucp.clinical.governance;

import java.time.Instant;

/**
 * A promise with a clock, as the information governance team sees it: a rights request to answer, a breach to report.
 *
 * @param kind what kind of case, e.g. {@code rights-request.service} or {@code breach.regulator}
 * @param caseId the case's identifier, to open it
 * @param summary what is due, in a line
 * @param dueAt when it is due
 * @param overdue whether that time has passed
 */
public record Deadline(String kind, String caseId, String summary, Instant dueAt, boolean overdue) {
}
