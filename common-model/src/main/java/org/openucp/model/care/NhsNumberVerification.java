package org.openucp.model.care;

/** Whether the NHS number was traced against the national demographics service (SCCI1580 group 4). */
public enum NhsNumberVerification {
  VERIFIED,
  NOT_VERIFIED
}
