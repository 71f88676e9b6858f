package org.openucp.clinical.flag;

/** What happened to a patient's flag: urgent care should add, update or remove it. */
public enum FlagChange {
  ADDED,
  CHANGED,
  REMOVED
}
