package org.openucp.clinical.breach.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The breach register's clock and the notice it writes for patients. */
@ConfigMapping(prefix = "clinical.breaches")
public interface BreachConfig {

  /**
   * How long after becoming aware of a breach the operator has to notify the ICO (UK GDPR Art 33: "where feasible,
   * not later than 72 hours"). A shorter internal target may be set; the law's is 72 hours.
   */
  @WithDefault("PT72H")
  Duration regulatorDeadline();

  /**
   * Who patients contact about a breach (Art 34(2) with Art 33(3)(b): the data protection officer or another
   * contact point), used in a notice when the request names none.
   */
  Optional<String> contactPoint();

  /** How a notice names the service whose data was breached. */
  @WithDefault("the urgent care plan service")
  String serviceName();
}
