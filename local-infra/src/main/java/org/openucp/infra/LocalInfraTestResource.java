package org.openucp.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * Starts a real PostgreSQL server and the local OIDC issuer for a service's {@code @QuarkusTest} and
 * {@code @QuarkusIntegrationTest} classes, and hands both to fields marked {@link LocalInfra}.
 */
public abstract class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedDatabase database;
  private LocalIssuer issuer;

  /** The database the service owns. */
  protected abstract String databaseName();

  /** The service's configuration that points it at the started database and issuer. */
  protected abstract Map<String, String> configFor(EmbeddedDatabase database, LocalIssuer issuer);

  @Override
  public Map<String, String> start() {
    database = EmbeddedDatabase.start(0, List.of(databaseName()));
    issuer = LocalIssuer.start(0, Personas.ALL);
    return configFor(database, issuer);
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(issuer, new TestInjector.AnnotatedAndMatchesType(LocalInfra.class, LocalIssuer.class));
    testInjector.injectIntoFields(database,
        new TestInjector.AnnotatedAndMatchesType(LocalInfra.class, EmbeddedDatabase.class));
  }

  @Override
  public void stop() {
    if (issuer != null) {
      issuer.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
