package org.openucp.model.care;

/** Where a person would prefer to be cared for, or to die (SCCI1580 group 14). */
public enum PlaceOfCare {
  HOME,
  CARE_HOME,
  HOSPICE,
  HOSPITAL,
  OTHER,
  UNDECIDED
}
