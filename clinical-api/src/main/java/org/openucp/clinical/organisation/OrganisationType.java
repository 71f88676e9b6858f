package org.openucp.clinical.organisation;

/** The kinds of organisation that join. */
public enum OrganisationType {
  GP_PRACTICE,
  COMMUNITY_PROVIDER,
  ACUTE_TRUST,
  AMBULANCE_SERVICE,
  NHS_111,
  OUT_OF_HOURS,
  HOSPICE,
  CARE_HOME,
  LOCAL_AUTHORITY,
  OTHER
}
