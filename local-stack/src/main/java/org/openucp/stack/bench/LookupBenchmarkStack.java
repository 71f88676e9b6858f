package org.openucp.stack.bench;

import static org.openucp.stack.ServiceProcess.freePort;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;
import org.openucp.model.identity.NhsNumber;
import org.openucp.stack.ServiceProcess;
import org.openucp.stack.StackLayout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The system under test for bench/lookup-benchmark.sh: PostgreSQL seeded with published plans, the local issuer and
 * the packaged clinical API. Writes what the load generator needs to a folder, then runs until it is stopped.
 */
public final class LookupBenchmarkStack {

  private static final System.Logger LOG = System.getLogger(LookupBenchmarkStack.class.getName());

  private LookupBenchmarkStack() {
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%6$s%n");
    int patients = Integer.parseInt(args.length > 0 ? args[0] : "100000");
    Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
    // The large case: a second clinical API on a database of its own, with more plans and a long audit trail
    // already in it, measured in the same run against the same server (0 plans: no large case).
    int largePatients = Integer.parseInt(args.length > 2 ? args[2] : "0");
    long auditEvents = Long.parseLong(args.length > 3 ? args[3] : "0");
    Files.createDirectories(out);
    StackLayout layout = StackLayout.find();
    // PostgreSQL's 128 MB default is a floor, not a setting for a server under load: a 30-s run appends millions of
    // audit events, and their indexes would be read back from the page cache on every insert.
    List<String> databases = largePatients > 0 ? List.of("clinical", LARGE, "bench") : List.of("clinical", "bench");
    EmbeddedDatabase database = EmbeddedDatabase.start(0, databases,
        Map.of("shared_buffers", System.getenv().getOrDefault("BENCH_SHARED_BUFFERS", "1GB")));
    LocalIssuer issuer = LocalIssuer.start(0, Personas.ALL);
    List<String> jvmOptions = jvmOptions();
    ServiceProcess clinical = ServiceProcess.start("clinical-api-bench", layout.clinicalJar(), freePort(),
        benchConfig(database, issuer, "clinical"), out, jvmOptions);
    ServiceProcess large = largePatients == 0 ? null : ServiceProcess.start("clinical-api-large",
        layout.clinicalJar(), freePort(), benchConfig(database, issuer, LARGE), out, jvmOptions);
    // More clinical APIs on the small case's database, each with JVM options of its own (VARIANTS="name=options;..."),
    // to compare collectors, heap sizes and thread counts side by side in one run.
    Map<String, ServiceProcess> variants = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> variant : variants().entrySet()) {
      variants.put(variant.getKey(), ServiceProcess.start("clinical-api-" + variant.getKey(), layout.clinicalJar(),
          freePort(), benchConfig(database, issuer, "clinical"), out, variant.getValue()));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      clinical.close();
      variants.values().forEach(ServiceProcess::close);
      if (large != null) {
        large.close();
      }
      issuer.close();
      database.close();
    }));
    clinical.awaitReady(Duration.ofMinutes(2));
    for (ServiceProcess variant : variants.values()) {
      variant.awaitReady(Duration.ofMinutes(3));
    }
    List<String> numbers = numbers(patients);
    List<String> largeNumbers = largePatients == 0 ? List.of() : numbers(largePatients);
    if (large != null) {
      large.awaitReady(Duration.ofMinutes(2));
      // The history comes first, as it would in a service that has run for a year: before anything else is audited.
      Instant seedingTrail = Instant.now();
      try (Connection connection = database.connect(LARGE); Statement statement = connection.createStatement()) {
        // Checkpoints every gigabyte of WAL would write each page of the bulk load several times over.
        statement.execute("ALTER SYSTEM SET max_wal_size = '64GB'");
        statement.execute("SELECT pg_reload_conf()");
        AuditTrailSeed.seed(connection, largeNumbers, auditEvents);
        statement.execute("ALTER SYSTEM RESET max_wal_size");
        statement.execute("SELECT pg_reload_conf()");
        statement.execute("CHECKPOINT");
      }
      LOG.log(System.Logger.Level.INFO, "Seeded " + auditEvents + " sealed audit events in "
          + Duration.between(seedingTrail, Instant.now()).toSeconds() + " s");
      Instant vacuuming = Instant.now();
      // As after any bulk load (and as autovacuum would do in the middle of a measurement otherwise).
      try (Connection connection = database.connect(LARGE); Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE audit_event");
        statement.execute("VACUUM ANALYZE audit_seal");
      }
      LOG.log(System.Logger.Level.INFO, "Vacuumed the audit trail in "
          + Duration.between(vacuuming, Instant.now()).toSeconds() + " s");
    }
    for (ServiceProcess service : large == null ? List.of(clinical) : List.of(clinical, large)) {
      DemoOnboarding.onboard(service.apiUrl(), issuer, Personas.STAFF);
    }
    Instant seeding = Instant.now();
    seed(database, "clinical", numbers);
    LOG.log(System.Logger.Level.INFO, "Seeded " + numbers.size() + " published plans in "
        + Duration.between(seeding, Instant.now()).toSeconds() + " s");
    if (large != null) {
      seeding = Instant.now();
      seed(database, LARGE, largeNumbers);
      LOG.log(System.Logger.Level.INFO, "Seeded " + largeNumbers.size() + " published plans (large) in "
          + Duration.between(seeding, Instant.now()).toSeconds() + " s");
    }
    Instant rendering = Instant.now();
    awaitCrisisViews(database, "clinical", Duration.ofMinutes(5));
    if (large != null) {
      awaitCrisisViews(database, LARGE, Duration.ofMinutes(15));
    }
    LOG.log(System.Logger.Level.INFO, "The services rendered their crisis views in "
        + Duration.between(rendering, Instant.now()).toSeconds() + " s");
    // As after any bulk import: rendering rewrote every row once, so reclaim the old versions and refresh statistics.
    for (String name : large == null ? List.of("clinical") : List.of("clinical", LARGE)) {
      try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE published_plan");
        statement.execute("CHECKPOINT");
      }
    }
    Files.write(out.resolve("nhs-numbers.txt"), numbers);
    Files.write(out.resolve("nhs-numbers-large.txt"), largeNumbers);
    Files.writeString(out.resolve("token.txt"), issuer.token(Personas.PARAMEDIC, 4 * 3600));
    Files.writeString(out.resolve("admin-token.txt"), issuer.token(Personas.PLATFORM_ADMIN, 4 * 3600));
    StringBuilder variantEnv = new StringBuilder("VARIANTS=\"" + String.join(" ", variants.keySet()) + "\"\n");
    variants.forEach((name, variant) -> variantEnv.append("VARIANT_URL_").append(name).append('=')
        .append(variant.baseUrl()).append("\nVARIANT_PID_").append(name).append('=').append(variant.pid()).append('\n'));
    Files.writeString(out.resolve("variants.env"), variantEnv);
    Files.writeString(out.resolve("stack.env"), String.join("\n",
        "CLINICAL_URL=" + clinical.baseUrl(),
        "CLINICAL_PID=" + clinical.pid(),
        "LARGE_URL=" + (large == null ? "" : large.baseUrl()),
        "LARGE_PID=" + (large == null ? "" : large.pid()),
        "LARGE_DATABASE=" + LARGE,
        "PG_PORT=" + database.port(),
        "PG_USER=" + EmbeddedDatabase.USER,
        "PG_PASSWORD=" + EmbeddedDatabase.PASSWORD, ""));
    Files.writeString(out.resolve("ready"), "ready\n");
    LOG.log(System.Logger.Level.INFO, "Benchmark stack ready: " + clinical.baseUrl()
        + (large == null ? "" : " and " + large.baseUrl()));
    restartDatabaseOnRequest(database, out);
  }

  /**
   * The switchover benchmark's hook, until the stack is stopped: a file {@code restart-database} holding a number of
   * seconds stops PostgreSQL (a fast shutdown: connections terminated, new ones refused), keeps it down that long and
   * starts it again on the same port with the same data, as a primary's restart or a switchover looks to the
   * services; {@code database-restarted} then gives when each step happened (epoch milliseconds).
   */
  private static void restartDatabaseOnRequest(EmbeddedDatabase database, Path out) throws Exception {
    Path request = out.resolve("restart-database");
    while (true) {
      if (Files.exists(request)) {
        long downSeconds = Long.parseLong(Files.readString(request).trim());
        long stopping = System.currentTimeMillis();
        database.stop();
        long stopped = System.currentTimeMillis();
        Thread.sleep(downSeconds * 1000);
        long starting = System.currentTimeMillis();
        database.restart();
        long started = System.currentTimeMillis();
        Files.delete(request);
        Files.writeString(out.resolve("database-restarted"), "STOPPING_MS=" + stopping + "\nSTOPPED_MS=" + stopped
            + "\nSTARTING_MS=" + starting + "\nSTARTED_MS=" + started + "\n");
        LOG.log(System.Logger.Level.INFO, "Database stopped for " + (starting - stopped) + " ms and restarted");
      }
      Thread.sleep(50);
    }
  }

  /** The database of the large case. */
  private static final String LARGE = "clinical_large";

  /**
   * The service wired to the given database. The scheduled chain verifier is off: the benchmark times verification
   * itself, and a walk starting in the middle of one size's measurement would land in that size's figures only.
   */
  private static Map<String, String> benchConfig(EmbeddedDatabase database, LocalIssuer issuer, String name) {
    Map<String, String> config = new java.util.HashMap<>(ServiceConfig.clinical(database, issuer, name));
    config.put("clinical.audit.verify-interval", "off");
    return config;
  }

  /** The VARIANTS setting: a name (letters, digits, underscores) and JVM options for each, separated by ';'. */
  private static Map<String, List<String>> variants() {
    Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
    for (String variant : System.getenv().getOrDefault("VARIANTS", "").split(";")) {
      if (variant.isBlank()) {
        continue;
      }
      String[] parts = variant.split("=", 2);
      if (!parts[0].trim().matches("\\w+")) {
        throw new IllegalArgumentException("VARIANTS: a name of letters, digits and underscores before '=': " + variant);
      }
      String options = parts.length > 1 ? parts[1].trim() : "";
      variants.put(parts[0].trim(), options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
    }
    return variants;
  }

  /** JVM options for the services under test, from CLINICAL_JAVA_OPTS (e.g. a heap limit or a collector). */
  private static List<String> jvmOptions() {
    String options = System.getenv().getOrDefault("CLINICAL_JAVA_OPTS", "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /** The first {@code count} valid NHS numbers from 100 000 000 on: the seeded patients. */
  static List<String> numbers(int count) {
    List<String> numbers = new ArrayList<>(count);
    for (long candidate = 100_000_000L; numbers.size() < count; candidate++) {
      NhsNumber.completing(String.format("%09d", candidate)).ifPresent(nhs -> numbers.add(nhs.value()));
    }
    return numbers;
  }

  /** Inserts published plans in bulk with COPY, the way a migration from another system would, 50 000 at a time. */
  static void seed(EmbeddedDatabase database, String name, List<String> numbers) throws SQLException, IOException {
    for (int from = 0; from < numbers.size(); from += 50_000) {
      seed(database, name, numbers, from, Math.min(numbers.size(), from + 50_000));
    }
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  private static void seed(EmbeddedDatabase database, String name, List<String> numbers, int from, int to)
      throws SQLException, IOException {
    StringBuilder plans = new StringBuilder();
    StringBuilder versions = new StringBuilder();
    StringBuilder published = new StringBuilder();
    String now = Instant.now().toString();
    LocalDate review = LocalDate.now().plusMonths(2);
    for (int i = from; i < to; i++) {
      String nhs = numbers.get(i);
      int index = i + 1;
      String planId = UUID.nameUUIDFromBytes(nhs.getBytes()).toString();
      String family = "Bench" + index % 5000;
      LocalDate born = LocalDate.of(1930, 1, 1).plusDays(index % 25_000);
      plans.append(planId).append('\t').append(nhs).append("\t1\t1\tA83008\t").append(now).append("\tseed\n");
      versions.append(planId).append("\t1\t").append(content(family, born, review).replace("\\", "\\\\"))
          .append('\t').append(now).append("\tseed\tDr Seed\tR0260\tGeneral Medical Practitioner\tA83008\n");
      published.append(planId).append('\t').append(nhs).append("\t1\t")
          .append(born).append("\tSW36JJ\tEdith\t").append(family).append("\t1 Demo Street\tSW3 6JJ\t")
          .append(review).append("\tA83008\t").append(now).append('\n');
    }
    try (Connection connection = database.connect(name)) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY care_plan (id, nhs_number, draft_revision, latest_version, owning_organisation, created_at, "
          + "created_by) FROM STDIN", new StringReader(plans.toString()));
      copy.copyIn("COPY plan_version (plan_id, version, content, published_at, published_by, published_by_name, "
          + "role_code, role_name, organisation) FROM STDIN", new StringReader(versions.toString()));
      copy.copyIn("COPY published_plan (plan_id, nhs_number, version, date_of_birth, postcode_key, "
          + "given_name, family_name, address, postcode, planned_review_date, owning_organisation, published_at) "
          + "FROM STDIN", new StringReader(published.toString()));
    }
  }

  /** Plans imported in bulk come without crisis views; the service's background job renders them. */
  private static void awaitCrisisViews(EmbeddedDatabase database, String name, Duration timeout)
      throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      while (true) {
        try (var missing = statement.executeQuery(
            "SELECT count(*) FROM published_plan WHERE crisis_view_format IS NULL")) {
          missing.next();
          if (missing.getLong(1) == 0) {
            return;
          }
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("The service did not render the seeded plans' crisis views in " + timeout);
        }
        Thread.sleep(500);
      }
    }
  }

  private static String content(String family, LocalDate born, LocalDate review) {
    return """
        {"person":{"givenName":"Edith","familyName":"%s","dateOfBirth":"%s","address":"1 Demo Street",\
        "postcode":"SW3 6JJ"},"gp":{"name":"Dr Jane Doe","practiceName":"Demo Medical Practice"},\
        "diagnoses":{"primaryEndOfLifeDiagnosis":"Metastatic lung cancer"},\
        "allergies":[{"substance":"Penicillin","reaction":"Rash"}],\
        "medications":[{"name":"Morphine sulfate MR","dose":"10 mg twice daily"}],\
        "anticipatoryMedicines":{"prescribed":true,"whereKept":"Kitchen drawer, blue box"},\
        "cpr":{"decision":"CPR_NOT_RECOMMENDED","decidedOn":"2026-11-01","decisionMaker":"Dr Jane Doe"},\
        "ceilingOfTreatment":"SELECTIVE_TREATMENT","otherTreatmentRecommendations":"Treat infections at home",\
        "preferences":{"preferredPlaceOfCare":"HOME","preferredPlaceOfDeath":"HOME"},\
        "keySupporters":[{"name":"Mary","relationship":"Daughter","telephone":"020 7946 0000","lpa":"NONE"}],\
        "whatMattersToMe":"Being at home","plannedReviewDate":"%s"}"""
        .formatted(family, born, review);
  }
}
