package org.openucp.clinical.audit.service;

/**
 * The result of checking the whole audit chain: where it first breaks, if it does, and how many of the newest
 * events are still waiting to be sealed into it. Once the oldest events were destroyed (retention), the chain is
 * checked from the checkpoint that destruction recorded: {@code verifiedAfterSeq} is its last destroyed event and
 * {@code genesisHash} the sealed hash the remaining chain must link on to; both are null when nothing was destroyed.
 */
public record ChainVerification(boolean intact, long eventsChecked, Long firstBrokenSeq, String problem,
    long unsealed, Long verifiedAfterSeq, String genesisHash) {
}
