package org.openucp.stack.bench;

import static java.lang.System.Logger.Level.INFO;
import static org.openucp.stack.ServiceProcess.freePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;
import org.openucp.stack.ServiceProcess;
import org.openucp.stack.StackLayout;

/**
 * For bench/startup-benchmark.sh: starts each packaged service alone, again and again, and times it from process start
 * to its readiness check answering 200 (polled every 200 ms). Each repetition starts once on a fresh database (the
 * migrations run) and once more on the migrated one (a restart, or a pod after the migration job). Prints one line
 * per start; writes stack.env with the database server's port so the script can run its pgbench baseline.
 */
public final class StartupBenchmark {

  private static final System.Logger LOG = System.getLogger(StartupBenchmark.class.getName());

  private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9.]+)s");

  private StartupBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    // The result lines alone, as the benchmark script reads them from the log.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%6$s%n");
    int repetitions = Integer.parseInt(args.length > 0 ? args[0] : "3");
    Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
    Files.createDirectories(out);
    List<String> jvmOptions = options(System.getenv().getOrDefault("SERVICE_JAVA_OPTS", ""));
    StackLayout layout = StackLayout.find();
    List<String> databases = new ArrayList<>(List.of("bench"));
    for (int i = 1; i <= repetitions; i++) {
      databases.add("clinical_" + i);
      databases.add("portal_" + i);
    }
    try (EmbeddedDatabase database = EmbeddedDatabase.start(0, databases);
         LocalIssuer issuer = LocalIssuer.start(0, Personas.ALL)) {
      Files.writeString(out.resolve("stack.env"), "PG_PORT=" + database.port() + "\nPG_USER=" + EmbeddedDatabase.USER
          + "\nPG_PASSWORD=" + EmbeddedDatabase.PASSWORD + "\n");
      Files.writeString(out.resolve("ready"), "ready\n");
      // The script measures its baseline before and after; it says when to go on.
      awaitFile(out.resolve("go"));
      for (int i = 1; i <= repetitions; i++) {
        for (String state : List.of("fresh database (migrations run)", "migrated database")) {
          Map<String, String> clinical = ServiceConfig.clinical(database, issuer, "clinical_" + i);
          time("clinical-api", layout.clinicalJar(), clinical, out, jvmOptions, i, state);
          // The portal needs the clinical API's URL only for calls, not to start.
          Map<String, String> portal = ServiceConfig.portal(database, issuer, "http://localhost:9", "portal_" + i);
          time("portal-api", layout.portalJar(), portal, out, jvmOptions, i, state);
        }
      }
      Files.writeString(out.resolve("timed"), "timed\n");
      awaitFile(out.resolve("done"));
    }
  }

  private static void awaitFile(Path file) throws InterruptedException {
    while (!Files.exists(file)) {
      Thread.sleep(200);
    }
  }

  private static void time(String name, Path jar, Map<String, String> config, Path out, List<String> jvmOptions,
      int repetition, String state) throws IOException {
    Path logs = out.resolve("startup-" + repetition + "-" + (state.startsWith("fresh") ? "fresh" : "migrated"));
    try (ServiceProcess service = ServiceProcess.start(name, jar, freePort(), config, logs, jvmOptions)) {
      Duration ready = service.awaitReady(Duration.ofMinutes(3));
      String log = Files.readString(service.log());
      Matcher started = QUARKUS_STARTED.matcher(log);
      LOG.log(INFO, String.format(
            "STARTUP service=%s repetition=%d state=%s ready_s=%.2f quarkus_started_s=%s", name,
          repetition, state.replace(' ', '_'), ready.toMillis() / 1000.0, started.find() ? started.group(1) : "?"));
    }
  }

  private static List<String> options(String options) {
    return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }
}
