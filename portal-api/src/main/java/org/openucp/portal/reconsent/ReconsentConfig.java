package org.openucp.portal.reconsent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Emailing patients whose consent is needed again under a new privacy notice. */
@ConfigMapping(prefix = "portal.reconsent")
public interface ReconsentConfig {

  /** How often the portal asks the clinical API whom to email ({@code off} to disable it on a replica). */
  @WithDefault("60s")
  String interval();

  /** How many notifications one run handles at most. */
  @WithDefault("100")
  int batchSize();

  /**
   * How long a replica that took a notification has to email and record it. After that the notification is reported
   * as not sent ({@code SEND_FAILED}) rather than emailed again: nobody gets the same email twice.
   */
  @WithDefault("10m")
  Duration claimLease();
}
