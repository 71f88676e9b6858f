package org.openucp.portal.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.openucp.infra.EmbeddedDatabase;

/** Reads and nudges the portal's tables directly, to check what is really stored. */
public final class PortalDatabase {

  private final EmbeddedDatabase database;

  public PortalDatabase(EmbeddedDatabase database) {
    this.database = database;
  }

  public long count(String sql, UUID id) {
    try (Connection connection = database.connect("portal");
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, id);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean draftExists(UUID id) {
    return count("SELECT count(*) FROM draft WHERE id = ?", id) == 1;
  }

  public boolean queued(UUID id) {
    return count("SELECT count(*) FROM draft_outbox WHERE draft_id = ?", id) == 1;
  }

  public long attempts(UUID id) {
    return count("SELECT attempts FROM draft_outbox WHERE draft_id = ?", id);
  }

  public void deleteAll(String table) {
    executeSql("DELETE FROM " + table);
  }

  public void executeSql(String sql) {
    try (Connection connection = database.connect("portal");
         PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql, String parameter) {
    try (Connection connection = database.connect("portal");
         PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void deleteAllDrafts() {
    try (Connection connection = database.connect("portal");
         PreparedStatement statement = connection.prepareStatement("DELETE FROM draft")) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void execute(String sql, UUID id) {
    try (Connection connection = database.connect("portal");
         PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, id);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
