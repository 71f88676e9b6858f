package org.openucp.clinical.access;

import static org.openucp.clinical.access.Permission.ADMINISTER_ORGANISATIONS;
import static org.openucp.clinical.access.Permission.CLAIM_SUBMISSION;
import static org.openucp.clinical.access.Permission.EDIT;
import static org.openucp.clinical.access.Permission.INITIATE;
import static org.openucp.clinical.access.Permission.MANAGE_INFORMATION_GOVERNANCE;
import static org.openucp.clinical.access.Permission.PUBLISH;
import static org.openucp.clinical.access.Permission.READ_AUDIT;
import static org.openucp.clinical.access.Permission.RECORD_CONSENT;
import static org.openucp.clinical.access.Permission.RECORD_DNACPR;
import static org.openucp.clinical.access.Permission.VIEW_DRAFT;
import static org.openucp.clinical.access.Permission.VIEW_PUBLISHED;
import static org.openucp.clinical.access.Permission.WITHDRAW_CONSENT;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openucp.clinical.security.Caller.StaffMember;

/**
 * The one table that says which CIS2 job role (the R-code of the selected role) may do what. README.md shows the
 * same table; AccessPolicyTest and the role walk through the API check every role against every operation.
 */
@ApplicationScoped
public class AccessPolicy {

  /** Clinical practitioners and GPs: everything clinical. */
  static final Set<String> CLINICAL_PRACTITIONERS = Set.of("R8000", "R8003", "R0260", "R0270");
  static final Set<String> NURSES = Set.of("R8001", "R8002", "R0700", "R0600");
  static final Set<String> CLINICAL_SUPPORT = Set.of("R8008");
  static final Set<String> SOCIAL_WORKERS = Set.of("R1330");
  /** Urgent care and other readers of the published plan only. */
  static final Set<String> PUBLISHED_PLAN_READERS = Set.of("R1690", "R1070", "R1290");

  private final Map<String, Set<Permission>> byJobRole = new HashMap<>();
  private final AccessConfig config;

  public AccessPolicy(AccessConfig config) {
    this.config = config;
    Set<Permission> nurse = EnumSet.of(VIEW_PUBLISHED, VIEW_DRAFT, EDIT, PUBLISH, WITHDRAW_CONSENT,
        CLAIM_SUBMISSION);
    if (config.nursesMayRecordDnacpr()) {
      nurse.add(RECORD_DNACPR);
    }
    grant(CLINICAL_PRACTITIONERS, EnumSet.of(VIEW_PUBLISHED, VIEW_DRAFT, EDIT, PUBLISH, RECORD_DNACPR,
        WITHDRAW_CONSENT, CLAIM_SUBMISSION));
    grant(NURSES, nurse);
    grant(CLINICAL_SUPPORT, EnumSet.of(VIEW_PUBLISHED, VIEW_DRAFT, EDIT, CLAIM_SUBMISSION));
    grant(SOCIAL_WORKERS, EnumSet.of(VIEW_PUBLISHED, VIEW_DRAFT, EDIT));
    grant(PUBLISHED_PLAN_READERS, EnumSet.of(VIEW_PUBLISHED));
    // Initiating a plan records the patient's consent in the same request: the roles that may record consent, and
    // only they, initiate. A consent-recording role the table does not know otherwise gets an author's rights.
    for (String jobRole : config.consentRecordingJobRoles()) {
      Set<Permission> permissions = EnumSet.of(INITIATE, RECORD_CONSENT);
      permissions.addAll(byJobRole.getOrDefault(jobRole, EnumSet.of(VIEW_PUBLISHED, VIEW_DRAFT, EDIT)));
      byJobRole.put(jobRole, Set.copyOf(permissions));
    }
  }

  /** Whether the member of staff, acting in their selected role at their organisation, holds the permission. */
  public boolean allows(StaffMember staff, Permission permission) {
    return permissionsOf(staff).contains(permission);
  }

  public Set<Permission> permissionsOf(StaffMember staff) {
    if (!actsForOperator(staff)) {
      return byJobRole.getOrDefault(staff.jobRoleCode(), Set.of());
    }
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    if (isAdministrator(staff)) {
      permissions.addAll(EnumSet.of(ADMINISTER_ORGANISATIONS, READ_AUDIT));
    }
    if (isInformationGovernance(staff)) {
      permissions.addAll(EnumSet.of(MANAGE_INFORMATION_GOVERNANCE, READ_AUDIT));
    }
    return permissions;
  }

  /** Administrators act for the platform operator; the same job role elsewhere grants nothing extra. */
  public boolean isAdministrator(StaffMember staff) {
    return config.administratorJobRoles().contains(staff.jobRoleCode()) && isOperator(staff);
  }

  /** The operator's information governance team; the same job role elsewhere grants nothing extra. */
  public boolean isInformationGovernance(StaffMember staff) {
    return config.informationGovernanceJobRoles().contains(staff.jobRoleCode()) && isOperator(staff);
  }

  /** Staff acting for the operator (administrators, information governance): the operator needs no onboarding. */
  public boolean actsForOperator(StaffMember staff) {
    return isAdministrator(staff) || isInformationGovernance(staff);
  }

  public boolean isOperator(StaffMember staff) {
    return staff.organisation().value().equals(config.operatorOrganisation());
  }

  private void grant(Set<String> jobRoles, Set<Permission> permissions) {
    jobRoles.forEach(role -> byJobRole.put(role, Set.copyOf(permissions)));
  }
}
