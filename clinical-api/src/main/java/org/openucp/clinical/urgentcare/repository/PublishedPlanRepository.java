package org.openucp.clinical.urgentcare.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.model.identity.NhsNumber;

@ApplicationScoped
public class PublishedPlanRepository implements PanacheRepositoryBase<PublishedPlan, UUID> {

  /** At most this many people are offered to choose from; more means the search needs narrowing. */
  public static final int MAX_CANDIDATES = 10;

  public Uni<PublishedPlan> findByPatient(NhsNumber patient) {
    return find("nhsNumber", patient.value()).firstResult();
  }

  /** A patient's entry and the published version it points at. */
  public record EntryAndVersion(PublishedPlan entry, PlanVersion version) {
  }

  /** The patient's entry and its published version in one round trip, in the caller's session. */
  public Uni<EntryAndVersion> findWithVersion(NhsNumber patient) {
    return getSession().chain(session -> session.createSelectionQuery("""
            select p, v from PublishedPlan p, PlanVersion v
            where p.nhsNumber = :nhsNumber and v.planId = p.planId and v.version = p.version""", Object[].class)
        .setParameter("nhsNumber", patient.value())
        .getSingleResultOrNull())
        .map(row -> row == null ? null : new EntryAndVersion((PublishedPlan) row[0], (PlanVersion) row[1]));
  }

  /**
   * People with a published plan matching the family name however it was typed (case, spaces, hyphens, apostrophes,
   * diacritics, umlauts spelt out or not: the database keys the typed name as it keyed the stored ones) and the date
   * of birth, and the postcode when given.
   */
  public Uni<List<PublishedPlan>> findByDemographics(String familyName, LocalDate dateOfBirth, String postcodeKey) {
    Sort order = Sort.by("familyName").and("givenName").and("nhsNumber");
    String sameName = "(familyNameKey in (function('openucp_name_key', ?1), function('openucp_name_spelt_key', ?1))"
        + " or familyNameSpeltKey in (function('openucp_name_key', ?1), function('openucp_name_spelt_key', ?1)))";
    return (postcodeKey == null
        ? find(sameName + " and dateOfBirth = ?2", order, familyName, dateOfBirth)
        : find(sameName + " and dateOfBirth = ?2 and postcodeKey = ?3", order, familyName, dateOfBirth,
            postcodeKey))
        .range(0, MAX_CANDIDATES).list();
  }

  /** Published plans whose review date is on or before the given day. */
  public Uni<List<PublishedPlan>> reviewDueBy(LocalDate day) {
    return list("plannedReviewDate <= ?1", Sort.by("plannedReviewDate"), day);
  }
}
