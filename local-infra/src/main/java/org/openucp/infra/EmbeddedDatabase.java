package org.openucp.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server run from the binaries on Maven Central, holding one database per service. Each database
 * has the two roles a deployment has: its migration role owns the database and its schema and runs the migrations,
 * and its runtime role, which the service connects as, reads and writes rows and nothing more (the migrations grant
 * it that). {@link #USER} is the server's superuser, for tests that look behind the service's back.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String USER = "postgres";
  /** The local password of every role here: demo data only, on a server that lives as long as the process. */
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on the given port (0 for any free port) and creates the named databases. */
  public static EmbeddedDatabase start(int port, List<String> databases) {
    return start(port, databases, Map.of());
  }

  /** As {@link #start(int, List)}, with server settings added to (or replacing) the embedded defaults. */
  public static EmbeddedDatabase start(int port, List<String> databases, Map<String, String> settings) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off");
      settings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
      databases.forEach(database::create);
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
    }
  }

  public int port() {
    return postgres.getPort();
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
    return postgres.getDatabase(USER, database).getConnection();
  }

  /** A connection as the given role, e.g. {@link #runtimeRole(String)} to try what the service itself may do. */
  public Connection connectAs(String role, String database) throws SQLException {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl(database));
    source.setUser(role);
    source.setPassword(PASSWORD);
    return source.getConnection();
  }

  private void create(String database) {
    String owner = migrationRole(database);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
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

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
