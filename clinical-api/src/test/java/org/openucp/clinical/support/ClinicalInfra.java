package org.openucp.clinical.support;

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
    return ServiceConfig.clinical(database, issuer);
  }
}
