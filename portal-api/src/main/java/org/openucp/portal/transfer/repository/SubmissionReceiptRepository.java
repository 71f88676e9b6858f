package org.openucp.portal.transfer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.transfer.SubmissionReceipt;

@ApplicationScoped
public class SubmissionReceiptRepository implements PanacheRepositoryBase<SubmissionReceipt, UUID> {

  public Uni<SubmissionReceipt> issue(Draft submitted) {
    SubmissionReceipt receipt = new SubmissionReceipt();
    receipt.draftId = submitted.id;
    receipt.nhsNumber = submitted.nhsNumber;
    receipt.submittedAt = submitted.submittedAt;
    return persist(receipt);
  }

  public Uni<Integer> delivered(UUID draftId, UUID clinicalSubmissionId, Instant at) {
    return update("deliveredAt = ?1, clinicalSubmissionId = ?2 where draftId = ?3", at, clinicalSubmissionId,
        draftId);
  }

  public Uni<Integer> erased(UUID draftId, Instant at) {
    return update("erasedAt = ?1 where draftId = ?2 and erasedAt is null", at, draftId);
  }

  public Uni<List<SubmissionReceipt>> forPatient(NhsNumber patient) {
    return list("nhsNumber", Sort.by("submittedAt").descending(), patient.value());
  }
}
