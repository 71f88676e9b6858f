package org.openucp.clinical.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.openucp.clinical.support.Plans;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * Makes records old without moving the service's clock: writes a plan straight into the database as it would have
 * been stored years ago, with no audit event since (nobody has looked at it).
 */
final class OldRecords {

  private final EmbeddedDatabase database;

  OldRecords(EmbeddedDatabase database) {
    this.database = database;
  }

  /** A plan with an open draft, of the demo practice, last worked on that day; emits the patient's NHS number. */
  String planLastWorkedOn(LocalDate lastWorkedOn, String dateOfBirth) {
    String nhsNumber = NhsNumbers.fresh();
    UUID planId = UUID.randomUUID();
    Timestamp at = Timestamp.from(lastWorkedOn.atTime(10, 0).toInstant(ZoneOffset.UTC));
    try (Connection connection = database.connect("clinical")) {
      try (PreparedStatement plan = connection.prepareStatement("""
          INSERT INTO care_plan (id, nhs_number, draft_content, draft_revision, draft_updated_at, draft_updated_by,
              latest_version, owning_organisation, created_at, created_by)
          VALUES (?, ?, ?, 0, ?, ?, 0, ?, ?, ?)""")) {
        plan.setObject(1, planId);
        plan.setString(2, nhsNumber);
        plan.setString(3, content(dateOfBirth));
        plan.setTimestamp(4, at);
        plan.setString(5, Personas.GP.subject());
        plan.setString(6, Personas.DEMO_PRACTICE);
        plan.setTimestamp(7, at);
        plan.setString(8, Personas.GP.subject());
        plan.executeUpdate();
      }
      try (PreparedStatement team = connection.prepareStatement("""
          INSERT INTO care_team_member (plan_id, ods_code, added_at, added_by) VALUES (?, ?, ?, ?)""")) {
        team.setObject(1, planId);
        team.setString(2, Personas.DEMO_PRACTICE);
        team.setTimestamp(3, at);
        team.setString(4, Personas.GP.subject());
        team.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return nhsNumber;
  }

  private static String content(String dateOfBirth) {
    try {
      return new ObjectMapper().writeValueAsString(Plans.aPlan().withPerson("dateOfBirth", dateOfBirth).content());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
