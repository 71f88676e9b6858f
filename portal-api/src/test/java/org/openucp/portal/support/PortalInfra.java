package org.openucp.portal.support;

import java.util.Map;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfraTestResource;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.ServiceConfig;

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
    return ServiceConfig.portal(database, issuer, intake.url());
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
