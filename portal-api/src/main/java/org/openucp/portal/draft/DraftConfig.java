package org.openucp.portal.draft;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long patients' drafts are kept, when they are reminded, and who may start one. */
@ConfigMapping(prefix = "portal.drafts")
public interface DraftConfig {

  /** How long an unsubmitted draft is kept after its last change. */
  @WithDefault("60d")
  Duration retention();

  /** When a still-unsubmitted draft gets its one reminder email. */
  @WithDefault("7d")
  Duration reminderAfter();

  /** The NHS login identity proofing level needed to keep a draft (P0, P5 or P9). */
  @WithDefault("P5")
  String minimumProofing();

  /**
   * The age from which a person keeps a draft of their own plan; younger people make their plan with their
   * clinical team, who record who holds parental responsibility and who was consulted.
   */
  @WithDefault("18")
  int minimumAge();

  /** How often retention and reminders run ({@code off} to leave them to other replicas). */
  @WithDefault("1h")
  String housekeepingInterval();
}
