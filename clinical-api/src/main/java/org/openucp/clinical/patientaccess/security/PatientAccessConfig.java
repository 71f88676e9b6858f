package org.openucp.clinical.patientaccess.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the portal's reads prove the patient, or their proxy, behind them. */
@ConfigMapping(prefix = "clinical.patient-access")
public interface PatientAccessConfig {

  /** The NHS login identity proofing level the person's own token must show to see clinical content. */
  @WithDefault("P9")
  String minimumProofing();
}
