package org.openucp.portal.support;

import java.util.HashMap;
import java.util.Map;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfraTestResource;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;

/** The portal's real PostgreSQL database, the patient and staff issuers, and a recording clinical intake. */
public class PortalInfra extends LocalInfraTestResource {

  private StubClinicalIntake intake;

  @Override
  protected String databaseName() {
    return "portal";
  }

  @Override
  protected Map<String, String> configFor(EmbeddedDatabase database, LocalIssuer issuer) {
    intake = StubClinicalIntake.start();
    Map<String, String> config = new HashMap<>(datasource(database, "portal"));
    config.put("quarkus.oidc.auth-server-url", issuer.issuerUrl(Persona.PATIENT_ISSUER));
    config.put("quarkus.oidc-client.auth-server-url", issuer.issuerUrl(Persona.STAFF_ISSUER));
    config.put("quarkus.oidc-client.credentials.secret", "local-demo-secret");
    config.put("quarkus.rest-client.clinical-intake.url", intake.url());
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    super.inject(testInjector);
    testInjector.injectIntoFields(intake, new TestInjector.MatchesType(StubClinicalIntake.class));
  }

  @Override
  public void stop() {
    if (intake != null) {
      intake.close();
    }
    super.stop();
  }
}
