package org.openucp.clinical.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.model.identity.OdsCode;

class AccessPolicyTest {

  private final AccessPolicy policy = new AccessPolicy(config(false));

  static Set<String> roles() {
    return ExpectedAccess.TABLE.keySet();
  }

  @ParameterizedTest
  @MethodSource("roles")
  void shouldGrantEachJobRoleExactlyThePermissionsInTheReadmeTable(String role) {
    assertThat(policy.permissionsOf(staff(role))).containsExactlyInAnyOrderElementsOf(ExpectedAccess.allowed(role));
  }

  @Test
  void shouldLetNursesRecordDnacprOnlyWhenConfiguredTo() {
    assertThat(policy.allows(staff("R0700"), Permission.RECORD_DNACPR)).isFalse();
    assertThat(new AccessPolicy(config(true)).allows(staff("R0700"), Permission.RECORD_DNACPR)).isTrue();
    assertThat(new AccessPolicy(config(true)).allows(staff("R8008"), Permission.RECORD_DNACPR)).isFalse();
  }

  @Test
  void shouldLetOnlyConsentRecordingRolesInitiateAndGiveAnUnknownOneAnAuthorsRights() {
    assertThat(policy.allows(staff("R8008"), Permission.INITIATE)).isFalse();
    assertThat(policy.permissionsOf(staff("R9100"))).containsExactlyInAnyOrder(Permission.VIEW_PUBLISHED,
        Permission.VIEW_DRAFT, Permission.INITIATE, Permission.EDIT, Permission.RECORD_CONSENT);
  }

  @Test
  void shouldGrantNothingToAnUnknownJobRole() {
    assertThat(policy.permissionsOf(staff("R9999"))).isEmpty();
  }

  static StaffMember staff(String role) {
    String[] parts = role.split("@");
    String organisation = parts.length > 1 ? parts[1] : "A83008";
    return new StaffMember("user", "A User", parts[0], "", OdsCode.of(organisation), "AAL3_ANY");
  }

  private static AccessConfig config(boolean nursesMayRecordDnacpr) {
    return new AccessConfig() {
      @Override
      public boolean nursesMayRecordDnacpr() {
        return nursesMayRecordDnacpr;
      }

      @Override
      public String operatorOrganisation() {
        return "OPENUCP";
      }

      @Override
      public java.time.Duration onboardingCache() {
        return java.time.Duration.ZERO;
      }

      @Override
      public Set<String> administratorJobRoles() {
        return Set.of("R8005");
      }

      @Override
      public Set<String> informationGovernanceJobRoles() {
        return Set.of("R8006");
      }

      @Override
      public Set<String> consentRecordingJobRoles() {
        return Set.of("R8000", "R8003", "R0260", "R0270", "R8001", "R8002", "R0700", "R0600", "R1330", "R9100");
      }
    };
  }
}
