package org.openucp.clinical.breach;

/** Why patients at high risk need not each be told (UK GDPR Art 34(3)). */
public enum NoticeExemption {
  /** (a) The data was unintelligible to whoever got it, e.g. encrypted. */
  UNINTELLIGIBLE,
  /** (b) Measures taken since mean the high risk is no longer likely to materialise. */
  RISK_NO_LONGER_LIKELY,
  /** (c) Telling each patient would take disproportionate effort: a public communication is made instead. */
  DISPROPORTIONATE_EFFORT
}
