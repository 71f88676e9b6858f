package org.openucp.clinical.careteam.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.careteam.CareTeamMember;

@ApplicationScoped
public class CareTeamRepository implements PanacheRepositoryBase<CareTeamMember, CareTeamMember.Key> {

  public Uni<Boolean> isMember(UUID planId, String odsCode) {
    return count("planId = ?1 and odsCode = ?2", planId, odsCode).map(found -> found > 0);
  }

  public Uni<List<CareTeamMember>> of(UUID planId) {
    return list("planId", Sort.by("addedAt").and("odsCode"), planId);
  }

  /** Adds the organisation unless it is already in the team; emits whether it was added. */
  public Uni<Boolean> addIfAbsent(UUID planId, String odsCode, String addedBy, Instant at) {
    return getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO care_team_member (plan_id, ods_code, added_at, added_by) VALUES (:plan, :ods, :at, :by)
            ON CONFLICT DO NOTHING""")
        .setParameter("plan", planId)
        .setParameter("ods", odsCode)
        .setParameter("at", at)
        .setParameter("by", addedBy)
        .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  public Uni<Boolean> remove(UUID planId, String odsCode) {
    return delete("planId = ?1 and odsCode = ?2", planId, odsCode).map(deleted -> deleted > 0);
  }

  /**
   * Moves what follows the plan's owner: its urgent-care entry, its current NRL pointer's custodian and its open
   * review tasks now name the new owner. The plan itself is changed by its caller.
   */
  public Uni<Void> moveOwnedRecords(UUID planId, String newOwner) {
    return getSession().chain(session -> session.createNativeQuery("""
            WITH moved_entry AS (UPDATE published_plan SET owning_organisation = :ods WHERE plan_id = :plan
                     RETURNING plan_id),
                 moved_pointer AS (UPDATE nrl_pointer SET custodian = :ods WHERE plan_id = :plan
                     AND status = 'current' RETURNING id)
            UPDATE review_task SET organisation = :ods WHERE plan_id = :plan""")
        .setParameter("plan", planId)
        .setParameter("ods", newOwner)
        .executeUpdate())
        .replaceWithVoid();
  }
}
