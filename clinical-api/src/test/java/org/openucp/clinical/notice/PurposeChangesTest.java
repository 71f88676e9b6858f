package org.openucp.clinical.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.notice.PrivacyNotice.Purpose;
import org.openucp.clinical.notice.service.PurposeChanges;

/** Which differences between two notices' purposes need consent again: added or changed ones, not removed ones. */
class PurposeChangesTest {

  private static final List<Purpose> BEFORE = List.of(new Purpose("care-plan", "Recording your plan."),
      new Purpose("urgent-care-sharing", "Sharing it with urgent care."));

  @Test
  void shouldNeedConsentAgainForAnAddedPurpose() {
    PurposeChanges changes = PurposeChanges.between(BEFORE, List.of(BEFORE.get(0), BEFORE.get(1),
        new Purpose("research", "Research.")));

    assertThat(changes.added()).containsExactly("research");
    assertThat(changes.needReconsent()).isTrue();
  }

  @Test
  void shouldNeedConsentAgainForAPurposeThatNowSaysSomethingElse() {
    PurposeChanges changes = PurposeChanges.between(BEFORE, List.of(BEFORE.get(0),
        new Purpose("urgent-care-sharing", "Sharing it with urgent care and with insurers.")));

    assertThat(changes.changed()).containsExactly("urgent-care-sharing");
    assertThat(changes.needReconsent()).isTrue();
  }

  @Test
  void shouldNotNeedConsentAgainForRemovedPurposesOrReflowedText() {
    PurposeChanges changes = PurposeChanges.between(BEFORE,
        List.of(new Purpose("care-plan", "  Recording   your\nplan. ")));

    assertThat(changes.removed()).containsExactly("urgent-care-sharing");
    assertThat(changes.added()).isEmpty();
    assertThat(changes.changed()).isEmpty();
    assertThat(changes.needReconsent()).isFalse();
  }
}
