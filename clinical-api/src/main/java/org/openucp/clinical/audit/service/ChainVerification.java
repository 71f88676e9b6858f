package org.openucp.clinical.audit.service;

/** The result of checking the whole audit chain: where it first breaks, if it does. */
public record ChainVerification(boolean intact, long eventsChecked, Long firstBrokenSeq, String problem) {
}
