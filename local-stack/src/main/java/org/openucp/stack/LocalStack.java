package org.openucp.stack;

import java.time.Duration;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;

/**
 * Runs the whole platform on one machine with nothing installed but a JDK: an embedded PostgreSQL server holding
 * both services' databases, a local OIDC issuer serving the demo personas, and both packaged services as separate
 * processes. Ctrl-C stops everything it started.
 */
public final class LocalStack {

  private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  /** The web apps' sign-in return path, registered with the local issuer. */
  private static final String SIGNED_IN = "/signed-in";
  private static final String TOKEN_FROM_JSON = "sed -n 's/.*\"access_token\" *: *\"\\([^\"]*\\)\".*/\\1/p'";

  private LocalStack() {
  }

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%6$s%n");
    int databasePort = port("DB_PORT", 15432);
    int issuerPort = port("ISSUER_PORT", 8090);
    int clinicalPort = port("CLINICAL_PORT", 8080);
    int portalPort = port("PORTAL_PORT", 8081);
    int webPort = port("WEB_PORT", 8082);
    String webOrigin = "http://localhost:" + webPort;
    StackLayout layout = StackLayout.find();
    Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopAll(started);
      stopped.countDown();
    }, "local-stack-shutdown"));

    try {
      EmbeddedDatabase database = EmbeddedDatabase.start(databasePort, List.of("clinical", "portal"));
      started.push(database);
      LocalIssuer issuer = LocalIssuer.start(issuerPort, Personas.ALL, Set.of(webOrigin + SIGNED_IN));
      started.push(issuer);
      ServiceProcess clinical = ServiceProcess.start("clinical-api", layout.clinicalJar(), clinicalPort,
          forLocalRun(ServiceConfig.clinical(database, issuer), webOrigin), layout.logDirectory());
      started.push(clinical);
      Map<String, String> portalConfig = forLocalRun(ServiceConfig.portal(database, issuer, clinical.baseUrl()),
          webOrigin);
      portalConfig.put("portal.proxies.invitation-url", webOrigin + "/proxy/invitation");
      ServiceProcess portal = ServiceProcess.start("portal-api", layout.portalJar(), portalPort, portalConfig,
          layout.logDirectory());
      started.push(portal);
      WebAppServer web = null;
      if (Files.isRegularFile(layout.webApp().resolve("index.html"))) {
        web = WebAppServer.start(webPort, layout.webApp(), webConfig(issuer, clinical, portal),
            String.join(" ", clinical.baseUrl(), portal.baseUrl(), "http://localhost:" + issuer.port()));
        started.push(web);
      } else {
        LOG.log(System.Logger.Level.WARNING, "No web apps: " + layout.webApp() + " is not built (./run-local.sh "
            + "builds it with npm)");
      }
      Duration clinicalReady = clinical.awaitReady(STARTUP_TIMEOUT);
      Duration portalReady = portal.awaitReady(STARTUP_TIMEOUT);
      DemoOnboarding.onboard(clinical.apiUrl(), issuer, Personas.STAFF);
      LOG.log(System.Logger.Level.INFO, banner(database, issuer, clinical, clinicalReady, portal, portalReady, web));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "The local stack could not start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  /**
   * What only a developer's run switches on: Swagger UI, plain-text logs to read in a terminal, and cross-origin
   * calls from the local web apps' origin (that one origin only).
   */
  private static Map<String, String> forLocalRun(Map<String, String> config, String webOrigin) {
    Map<String, String> local = new HashMap<>(config);
    local.put("quarkus.swagger-ui.enabled", "true");
    local.put("quarkus.log.console.json.enabled", "false");
    local.put("openucp.cors.origins", webOrigin);
    return local;
  }

  /** Where the web apps find the APIs and the issuers, the client id and the sign-in return path. */
  private static String webConfig(LocalIssuer issuer, ServiceProcess clinical, ServiceProcess portal) {
    return "{\"clinicalApi\":\"" + clinical.baseUrl() + "\",\"portalApi\":\"" + portal.baseUrl()
        + "\",\"staffIssuer\":\"" + issuer.issuerUrl(Persona.STAFF_ISSUER) + "\",\"patientIssuer\":\""
        + issuer.issuerUrl(Persona.PATIENT_ISSUER) + "\",\"clientId\":\"openucp-web\",\"redirectPath\":\""
        + SIGNED_IN + "\"}";
  }

  private static String banner(EmbeddedDatabase database, LocalIssuer issuer, ServiceProcess clinical,
      Duration clinicalReady, ServiceProcess portal, Duration portalReady, WebAppServer web) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Open UCP is running locally (demo data only). Ctrl-C stops everything.");
    lines.add("");
    if (web != null) {
      lines.add("  web apps      " + web.baseUrl() + "   crisis view, clinician, patient portal, proxy; sign in as a"
          + " demo persona");
    }
    lines.add(String.format("  clinical API  %s   Swagger UI %s/q/swagger-ui   ready in %.1f s",
        clinical.baseUrl(), clinical.baseUrl(), clinicalReady.toMillis() / 1000.0));
    lines.add(String.format("  portal API    %s   Swagger UI %s/q/swagger-ui   ready in %.1f s",
        portal.baseUrl(), portal.baseUrl(), portalReady.toMillis() / 1000.0));
    lines.add("  OIDC issuers  " + issuer.issuerUrl(Persona.STAFF_ISSUER) + " (staff, CIS2-style)   "
        + issuer.issuerUrl(Persona.PATIENT_ISSUER) + " (patients, NHS-login-style)");
    lines.add("  PostgreSQL    localhost:" + database.port() + " databases clinical and portal; the services connect"
        + " as " + EmbeddedDatabase.runtimeRole("clinical") + " and " + EmbeddedDatabase.runtimeRole("portal")
        + ", migrations ran as " + EmbeddedDatabase.migrationRole("clinical") + " and "
        + EmbeddedDatabase.migrationRole("portal") + " (superuser " + EmbeddedDatabase.USER + "; every password "
        + EmbeddedDatabase.PASSWORD + ")");
    lines.add("  Onboarded     demo organisations A83008 and B82005 (practices), RRU (ambulance), NLO (NHS 111) with "
        + "their staff");
    lines.add("  Logs          " + clinical.log() + " and " + portal.log());
    lines.add("  Emails        not sent locally: the portal writes each one (proxy invitation links too) to "
        + portal.log());
    lines.add("");
    lines.add("Get a token for a demo persona, then call an API with it:");
    for (Persona persona : Personas.ALL) {
      lines.add(String.format("  %-16s %s", persona.id(), persona.description()));
    }
    lines.add("");
    lines.add("  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=gp -d client_secret=demo \\");
    lines.add("      " + issuer.tokenEndpoint(Persona.STAFF_ISSUER) + " | " + TOKEN_FROM_JSON + ")");
    lines.add("  curl -H \"Authorization: Bearer $TOKEN\" " + clinical.apiUrl() + "/intake/submitted-drafts");
    lines.add("");
    lines.add("  PATIENT=$(curl -s -d grant_type=client_credentials -d client_id=patient -d client_secret=demo \\");
    lines.add("      " + issuer.tokenEndpoint(Persona.PATIENT_ISSUER) + " | " + TOKEN_FROM_JSON + ")");
    lines.add("  curl -H \"Authorization: Bearer $PATIENT\" " + portal.apiUrl() + "/drafts");
    return String.join(System.lineSeparator(), lines);
  }

  private static void stopAll(Deque<AutoCloseable> started) {
    AutoCloseable next;
    while ((next = started.poll()) != null) {
      try {
        next.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Stopping " + next + " failed: " + e.getMessage());
      }
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
  }
}
