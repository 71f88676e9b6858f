package org.openucp.infra;

import java.util.HashMap;
import java.util.Map;

/** The configuration that wires each service to the embedded database server and the local issuer. */
public final class ServiceConfig {

  /** The portal's client secret at the local issuer, which accepts any: a local demo value, not a credential. */
  public static final String LOCAL_DEMO_CLIENT_SECRET = "local-demo-secret";

  private ServiceConfig() {
  }

  public static Map<String, String> clinical(EmbeddedDatabase database, LocalIssuer issuer) {
    return clinical(database, issuer, "clinical");
  }

  /** The clinical API on another database of the server (benchmarks run several side by side). */
  public static Map<String, String> clinical(EmbeddedDatabase database, LocalIssuer issuer, String databaseName) {
    Map<String, String> config = datasource(database, databaseName);
    config.put("quarkus.oidc.auth-server-url", issuer.issuerUrl(Persona.STAFF_ISSUER));
    config.put("quarkus.oidc.nhslogin.auth-server-url", issuer.issuerUrl(Persona.PATIENT_ISSUER));
    config.put("quarkus.oidc.portal-assertion.public-key", PortalAssertionKeys.publicKey());
    return config;
  }

  public static Map<String, String> portal(EmbeddedDatabase database, LocalIssuer issuer, String clinicalUrl) {
    return portal(database, issuer, clinicalUrl, "portal");
  }

  /** The portal API on another database of the server (benchmarks run several side by side). */
  public static Map<String, String> portal(EmbeddedDatabase database, LocalIssuer issuer, String clinicalUrl,
      String databaseName) {
    Map<String, String> config = datasource(database, databaseName);
    config.put("quarkus.oidc.auth-server-url", issuer.issuerUrl(Persona.PATIENT_ISSUER));
    config.put("quarkus.oidc-client.auth-server-url", issuer.issuerUrl(Persona.STAFF_ISSUER));
    config.put("quarkus.oidc-client.client-id", Personas.PORTAL_SERVICE.id());
    config.put("quarkus.oidc-client.credentials.secret", LOCAL_DEMO_CLIENT_SECRET);
    config.put("quarkus.rest-client.clinical-intake.url", clinicalUrl);
    config.put("portal.proxies.assertion-signing-key", PortalAssertionKeys.privateKey());
    // No mail server locally: emails are written to the log instead.
    config.put("quarkus.mailer.mock", "true");
    return config;
  }

  /**
   * The service connects as the database's runtime role; Flyway migrates at start as its migration role, and grants
   * the runtime role what the service needs. Tests and local runs thus exercise the split a deployment has.
   */
  private static Map<String, String> datasource(EmbeddedDatabase database, String name) {
    Map<String, String> config = new HashMap<>();
    // The shutdown delay lets Kubernetes take a pod out of its Service before it stops; locally nothing routes to
    // the services, so they stop at once (the system test sets a delay where it tests shutdown).
    config.put("quarkus.shutdown.delay", "0s");
    config.put("quarkus.datasource.reactive.url", database.reactiveUrl(name));
    config.put("quarkus.datasource.jdbc.url", database.jdbcUrl(name));
    config.put("quarkus.datasource.username", EmbeddedDatabase.runtimeRole(name));
    config.put("quarkus.datasource.password", EmbeddedDatabase.PASSWORD);
    config.put("quarkus.flyway.username", EmbeddedDatabase.migrationRole(name));
    config.put("quarkus.flyway.password", EmbeddedDatabase.PASSWORD);
    return config;
  }
}
