package org.openucp.clinical.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerAugmentorTest {

  @Test
  void shouldShowTheLastPartOfACis2RoleName() {
    assertThat(CallerAugmentor.readableRoleName(
        "\"Clinical\":\"Clinical Provision\":\"General Medical Practitioner\""))
        .isEqualTo("General Medical Practitioner");
    assertThat(CallerAugmentor.readableRoleName("Paramedic")).isEqualTo("Paramedic");
    assertThat(CallerAugmentor.readableRoleName("")).isEmpty();
  }
}
