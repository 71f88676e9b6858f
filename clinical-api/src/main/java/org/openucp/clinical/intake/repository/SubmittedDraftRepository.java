package org.openucp.clinical.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.database.CountedPages;
import org.openucp.clinical.intake.SubmittedDraftRecord;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Slice;

@ApplicationScoped
public class SubmittedDraftRepository implements PanacheRepositoryBase<SubmittedDraftRecord, UUID> {

  /**
   * Stores the submission unless one with the same source draft exists. Safe against concurrent deliveries of one
   * draft: the unique constraint decides, and the loser inserts nothing. Emits whether this call stored it.
   */
  public Uni<Boolean> insertIfAbsent(SubmittedDraftRecord submission) {
    return getSession().chain(session -> session.createNativeQuery("""
            INSERT INTO submitted_draft (id, source_draft_id, nhs_number, organisation, postcode, email,
                preferred_place_of_care, functional_level, thoughts_about_future_care, key_supporter_name,
                key_supporter_relationship, key_supporter_phone, submitted_at, received_at)
            VALUES (:id, :sourceDraftId, :nhsNumber, :organisation, :postcode, :email, :place, :level, :thoughts,
                :supporterName, :supporterRelationship, :supporterPhone, :submittedAt, :receivedAt)
            ON CONFLICT ON CONSTRAINT submitted_draft_source_unique DO NOTHING
            """)
        .setParameter("id", submission.id)
        .setParameter("sourceDraftId", submission.sourceDraftId)
        .setParameter("nhsNumber", submission.nhsNumber)
        .setParameter("organisation", submission.organisation)
        .setParameter("postcode", submission.postcode)
        .setParameter("email", submission.email)
        .setParameter("place", name(submission.preferredPlaceOfCare))
        .setParameter("level", name(submission.functionalLevel))
        .setParameter("thoughts", submission.thoughtsAboutFutureCare)
        .setParameter("supporterName", submission.keySupporterName)
        .setParameter("supporterRelationship", submission.keySupporterRelationship)
        .setParameter("supporterPhone", submission.keySupporterPhone)
        .setParameter("submittedAt", submission.submittedAt)
        .setParameter("receivedAt", submission.receivedAt)
        .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  public Uni<SubmittedDraftRecord> findBySourceDraft(UUID sourceDraftId) {
    return find("sourceDraftId", sourceDraftId).firstResult();
  }

  /** The submissions sent to one organisation that wait for a clinician (or all of them), oldest first. */
  public Uni<Slice<SubmittedDraftRecord>> inbox(OdsCode organisation, boolean includeClaimed, int pageIndex,
      int pageSize) {
    Sort oldestFirst = Sort.by("receivedAt").and("id");
    var inbox = includeClaimed ? find("organisation", oldestFirst, organisation.value())
        : find("organisation = ?1 and claimedAt is null", oldestFirst, organisation.value());
    return CountedPages.read(inbox, pageIndex, pageSize);
  }

  /** The organisations the patient's submissions are addressed to. */
  public Uni<List<String>> organisationsOf(NhsNumber patient) {
    return getSession().chain(session -> session.createQuery("select distinct s.organisation from "
            + "SubmittedDraftRecord s where s.nhsNumber = :nhs and s.organisation is not null", String.class)
        .setParameter("nhs", patient.value())
        .getResultList());
  }

  /** The patient's submissions, oldest first: their state, for the patient's own view. */
  public Uni<List<SubmittedDraftRecord>> ofPatient(NhsNumber patient) {
    return list("nhsNumber", Sort.by("receivedAt"), patient.value());
  }

  public Uni<Long> deleteForPatient(NhsNumber patient) {
    return delete("nhsNumber", patient.value());
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
