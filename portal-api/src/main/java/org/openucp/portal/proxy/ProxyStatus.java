package org.openucp.portal.proxy;

/** Where a proxy stands. */
public enum ProxyStatus {
  /** Invited; has not yet proved who they are. */
  INVITED,
  /** Proved their date of birth and the patient's NHS number: may read the published plan. */
  ACTIVE,
  /** Five wrong attempts: the invitation cannot be used any more; the patient was told. */
  LOCKED,
  /** The patient took access away, or withdrew consent. */
  REVOKED
}
