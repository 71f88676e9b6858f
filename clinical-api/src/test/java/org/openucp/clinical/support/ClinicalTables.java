package org.openucp.clinical.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.openucp.infra.EmbeddedDatabase;

/** Looks straight into the clinical database, to check what is really stored (or gone). */
public final class ClinicalTables {

  private final EmbeddedDatabase database;

  public ClinicalTables(EmbeddedDatabase database) {
    this.database = database;
  }

  public long count(String sql, Object... parameters) {
    try (Connection connection = database.connect("clinical");
         PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every text value in every row of the table, to look for content that should be gone. */
  public List<String> everyValueIn(String table) {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect("clinical");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int column = 1; column <= columns; column++) {
          values.add(String.valueOf(rows.getObject(column)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /** Runs statements as the superuser, beyond even the schema owner, e.g. to try what no one must be able to do. */
  public void execute(String... statements) throws SQLException {
    try (Connection connection = database.connect("clinical"); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
