package org.openucp.clinical.support;

import java.util.HashMap;
import java.util.Map;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfraTestResource;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.ServiceConfig;

/** The clinical API's real PostgreSQL database and CIS2-style issuer for tests. */
public class ClinicalInfra extends LocalInfraTestResource {

  @Override
  protected String databaseName() {
    return "clinical";
  }

  @Override
  protected Map<String, String> configFor(EmbeddedDatabase database, LocalIssuer issuer) {
    Map<String, String> config = new HashMap<>(ServiceConfig.clinical(database, issuer));
    // Seal audit events into the chain at once, so that tests can look at the chain straight away.
    config.put("clinical.audit.settle", "0s");
    config.put("clinical.audit.seal-interval", "0.2s");
    return config;
  }
}
