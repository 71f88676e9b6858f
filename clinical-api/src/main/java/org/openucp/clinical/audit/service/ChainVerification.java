package org.openucp.clinical.audit.service;

/**
 * The result of checking the whole audit chain: where it first breaks, if it does, and how many of the newest
 * events are still waiting to be sealed into it.
 */
public record ChainVerification(boolean intact, long eventsChecked, Long firstBrokenSeq, String problem,
    long unsealed) {
}
