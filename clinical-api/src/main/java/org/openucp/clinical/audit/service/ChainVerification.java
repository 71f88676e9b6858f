package org.openucp.clinical.audit.service;

import java.time.Instant;

/**
 * The result of checking the audit chain: which part was walked ({@code scope}: the events sealed since the newest
 * recorded verification, or the whole retained trail), where it first breaks, if it does, and how many of the newest
 * events are still waiting to be sealed into it.
 *
 * @param startedAfterSeq the walk checked the events after this one (0: from the genesis)
 * @param startedFrom the recorded verification it continued from; null for a walk of the whole retained trail
 * @param verifiedThroughSeq the last sealed event checked; null when nothing is sealed
 * @param recordedVerification the id of the verification this walk recorded (full walks that verified, and the
 *     scheduled verifier); null when it recorded none
 * @param verifiedAfterSeq once the oldest events were destroyed (retention), the last destroyed event: the retained
 *     trail starts after it; null when nothing was destroyed
 * @param genesisHash the sealed hash the retained trail links on to after that destruction; null when nothing was
 *     destroyed
 */
public record ChainVerification(boolean intact, Scope scope, long eventsChecked, Long firstBrokenSeq, String problem,
    long unsealed, long startedAfterSeq, PreviousVerification startedFrom, Long verifiedThroughSeq,
    Long recordedVerification, long durationMs, Long verifiedAfterSeq, String genesisHash) {

  /** What a verification walks. */
  public enum Scope {
    /** The whole retained trail, from the genesis or the newest destruction checkpoint. */
    FULL,
    /** Only the events sealed since the newest recorded verification, from the chain's hash it recorded there. */
    SINCE_LAST_VERIFICATION
  }

  /** A recorded verification that a later one continued from. */
  public record PreviousVerification(long id, long throughSeq, Instant verifiedAt, Scope scope, long eventsChecked) {
  }

  ChainVerification recorded(long id) {
    return new ChainVerification(intact, scope, eventsChecked, firstBrokenSeq, problem, unsealed, startedAfterSeq,
        startedFrom, verifiedThroughSeq, id, durationMs, verifiedAfterSeq, genesisHash);
  }
}
