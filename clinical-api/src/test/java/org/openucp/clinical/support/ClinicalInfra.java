package org.openucp.clinical.support;

import java.util.HashMap;
import java.util.Map;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfraTestResource;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;

/** The clinical API's real PostgreSQL database and CIS2-style issuer for tests. */
public class ClinicalInfra extends LocalInfraTestResource {

  @Override
  protected String databaseName() {
    return "clinical";
  }

  @Override
  protected Map<String, String> configFor(EmbeddedDatabase database, LocalIssuer issuer) {
    Map<String, String> config = new HashMap<>(datasource(database, "clinical"));
    config.put("quarkus.oidc.auth-server-url", issuer.issuerUrl(Persona.STAFF_ISSUER));
    return config;
  }
}
