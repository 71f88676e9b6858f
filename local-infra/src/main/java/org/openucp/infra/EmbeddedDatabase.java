package org.openucp.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server run from the binaries on Maven Central, holding one database per service. Each database
 * has the two roles a deployment has: its migration role owns the database and its schema and runs the migrations,
 * and its runtime role, which the service connects as, reads and writes rows and nothing more (the migrations grant
 * it that). {@link #USER} is the server's superuser, for tests that look behind the service's back. The server can
 * be stopped and started again on the same port with the same data, as an outage or a restart looks to the services.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String USER = "postgres";
  /** The local password of every role here: demo data only, on a server that lives as long as the process. */
  public static final String PASSWORD = "postgres";

  private final Path dataDirectory;
  private final Map<String, String> settings;
  private final int port;
  private EmbeddedPostgres postgres;
  private boolean closed;

  private EmbeddedDatabase(Path dataDirectory, Map<String, String> settings, EmbeddedPostgres postgres) {
    this.dataDirectory = dataDirectory;
    this.settings = settings;
    this.postgres = postgres;
    this.port = postgres.getPort();
  }

  /** Starts a server on the given port (0 for any free port) and creates the named databases. */
  public static EmbeddedDatabase start(int port, List<String> databases) {
    return start(port, databases, Map.of());
  }

  /** As {@link #start(int, List)}, with server settings added to (or replacing) the embedded defaults. */
  public static EmbeddedDatabase start(int port, List<String> databases, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("max_connections", "200");
    all.put("fsync", "off");
    all.put("synchronous_commit", "off");
    all.putAll(settings);
    // Beside the library's own data directories, so that its clean-up of stale ones also finds a crashed run's.
    Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg", "openucp-" + UUID.randomUUID());
    EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, all, run(dataDirectory, port, all));
    databases.forEach(database::create);
    return database;
  }

  private static EmbeddedPostgres run(Path dataDirectory, int port, Map<String, String> settings) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false);
      settings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  public String reactiveUrl(String database) {
    return "postgresql://localhost:" + port() + "/" + database;
  }

  /** The role that owns the database's schema and runs its migrations, e.g. {@code clinical_migration}. */
  public static String migrationRole(String database) {
    return database + "_migration";
  }

  /** The role the service connects as: rows only, no change to the schema, e.g. {@code clinical_runtime}. */
  public static String runtimeRole(String database) {
    return database + "_runtime";
  }

  /** A connection as the superuser, which no check stops: for tests that set up or inspect what the service cannot. */
  public Connection connect(String database) throws SQLException {
    return current().getDatabase(USER, database).getConnection();
  }

  /** A connection as the given role, e.g. {@link #runtimeRole(String)} to try what the service itself may do. */
  public Connection connectAs(String role, String database) throws SQLException {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl(database));
    source.setUser(role);
    source.setPassword(PASSWORD);
    return source.getConnection();
  }

  /**
   * Stops the server as an outage would (a fast shutdown: open connections are terminated, new ones refused), and
   * keeps its data for {@link #restart()}.
   */
  public synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      postgres = null;
    }
  }

  /** Starts the stopped server again, on the same port and with the same data. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The embedded database was closed for good");
    }
    if (postgres == null) {
      postgres = run(dataDirectory, port, settings);
    }
  }

  public synchronized boolean isRunning() {
    return postgres != null;
  }

  private synchronized EmbeddedPostgres current() {
    if (postgres == null) {
      throw new IllegalStateException("The embedded database is stopped");
    }
    return postgres;
  }

  private void create(String database) {
    String owner = migrationRole(database);
    try (Connection connection = current().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
      // Plain login roles, as an operator would create them (no superuser, no CREATEDB, no CREATEROLE).
      statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE ROLE " + runtimeRole(database) + " LOGIN PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + database, e);
    }
  }

  /** Stops the server and deletes its data. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dataDirectory, e);
    }
  }
}
