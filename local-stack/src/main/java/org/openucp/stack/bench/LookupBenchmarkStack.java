package org.openucp.stack.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CountDownLatch;
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
    Files.createDirectories(out);
    StackLayout layout = StackLayout.find();
    // PostgreSQL's 128 MB default is a floor, not a setting for a server under load: a 30-s run appends millions of
    // audit events, and their indexes would be read back from the page cache on every insert.
    EmbeddedDatabase database = EmbeddedDatabase.start(0, List.of("clinical", "bench"),
        Map.of("shared_buffers", System.getenv().getOrDefault("BENCH_SHARED_BUFFERS", "1GB")));
    LocalIssuer issuer = LocalIssuer.start(0, Personas.ALL);
    ServiceProcess clinical = ServiceProcess.start("clinical-api-bench", layout.clinicalJar(), freePort(),
        ServiceConfig.clinical(database, issuer), out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      clinical.close();
      issuer.close();
      database.close();
    }));
    clinical.awaitReady(Duration.ofMinutes(2));
    DemoOnboarding.onboard(clinical.baseUrl(), issuer, Personas.STAFF);
    Instant seeding = Instant.now();
    List<String> numbers = seed(database, patients);
    LOG.log(System.Logger.Level.INFO, "Seeded " + numbers.size() + " published plans in "
        + Duration.between(seeding, Instant.now()).toSeconds() + " s");
    Instant rendering = Instant.now();
    awaitCrisisViews(database, Duration.ofMinutes(5));
    LOG.log(System.Logger.Level.INFO, "The service rendered their crisis views in "
        + Duration.between(rendering, Instant.now()).toSeconds() + " s");
    // As after any bulk import: rendering rewrote every row once, so reclaim the old versions and refresh statistics.
    try (Connection connection = database.connect("clinical"); Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE published_plan");
    }
    Files.write(out.resolve("nhs-numbers.txt"), numbers);
    Files.writeString(out.resolve("token.txt"), issuer.token(Personas.PARAMEDIC, 4 * 3600));
    Files.writeString(out.resolve("stack.env"), String.join("\n",
        "CLINICAL_URL=" + clinical.baseUrl(),
        "CLINICAL_PID=" + clinical.pid(),
        "PG_PORT=" + database.port(),
        "PG_USER=" + EmbeddedDatabase.USER,
        "PG_PASSWORD=" + EmbeddedDatabase.PASSWORD, ""));
    Files.writeString(out.resolve("ready"), "ready\n");
    LOG.log(System.Logger.Level.INFO, "Benchmark stack ready: " + clinical.baseUrl());
    new CountDownLatch(1).await();
  }

  /** Inserts published plans in bulk with COPY, the way a migration from another system would. */
  static List<String> seed(EmbeddedDatabase database, int count) throws SQLException, IOException {
    List<String> numbers = new ArrayList<>(count);
    StringBuilder plans = new StringBuilder();
    StringBuilder versions = new StringBuilder();
    StringBuilder published = new StringBuilder();
    String now = Instant.now().toString();
    LocalDate review = LocalDate.now().plusMonths(2);
    for (long candidate = 100_000_000L; numbers.size() < count; candidate++) {
      var completed = NhsNumber.completing(String.format("%09d", candidate));
      if (completed.isEmpty()) {
        continue;
      }
      String nhs = completed.get().value();
      numbers.add(nhs);
      int index = numbers.size();
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
    try (Connection connection = database.connect("clinical")) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY care_plan (id, nhs_number, draft_revision, latest_version, owning_organisation, created_at, "
          + "created_by) FROM STDIN", new StringReader(plans.toString()));
      copy.copyIn("COPY plan_version (plan_id, version, content, published_at, published_by, published_by_name, "
          + "role_code, role_name, organisation) FROM STDIN", new StringReader(versions.toString()));
      copy.copyIn("COPY published_plan (plan_id, nhs_number, version, date_of_birth, postcode_key, "
          + "given_name, family_name, address, postcode, planned_review_date, owning_organisation, published_at) "
          + "FROM STDIN", new StringReader(published.toString()));
      try (Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
    }
    return numbers;
  }

  /** Plans imported in bulk come without crisis views; the service's background job renders them. */
  private static void awaitCrisisViews(EmbeddedDatabase database, Duration timeout)
      throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    try (Connection connection = database.connect("clinical"); Statement statement = connection.createStatement()) {
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

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
