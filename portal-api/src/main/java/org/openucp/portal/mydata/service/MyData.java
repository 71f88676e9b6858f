package org.openucp.portal.mydata.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.openucp.portal.draft.Draft;
import org.openucp.portal.draft.repository.DraftRepository;
import org.openucp.portal.erasure.service.PortalErasure;
import org.openucp.portal.myplan.client.ClinicalViews;
import org.openucp.portal.myplan.client.PatientAccessClient;
import org.openucp.portal.myplan.service.MyPlanService;
import org.openucp.portal.proxy.ProxyInvitation;
import org.openucp.portal.proxy.repository.ProxyRepository;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.Patient;
import org.openucp.portal.transfer.SubmissionReceipt;
import org.openucp.portal.transfer.repository.SubmissionReceiptRepository;
import org.openucp.web.csv.SpreadsheetCsv;
import org.openucp.web.paging.Page;

/**
 * What the portal holds about the signed-in patient, as a copy they can take elsewhere (UK GDPR Art 20), and their
 * rights requests: passed to the clinical API with their own NHS login token, where the operator's information
 * governance team answers them. An erasure request also erases what the portal holds, at once: the portal keeps
 * nothing it needs once the patient asks (the clinical plan is the care team's record, decided on there).
 */
@ApplicationScoped
public class MyData {

  /** Everything the portal holds about the patient. */
  public record PortalData(String nhsNumber, Instant exportedAt, List<DraftHeld> drafts, List<ProxyHeld> proxies,
      List<SubmissionHeld> submissions) {
  }

  public record DraftHeld(UUID id, String status, String organisation, String postcode, String email,
      String preferredPlaceOfCare, String functionalLevel, String thoughtsAboutFutureCare, String keySupporterName,
      String keySupporterRelationship, String keySupporterPhone, Instant createdAt, Instant updatedAt,
      Instant submittedAt) {

    static DraftHeld of(Draft draft) {
      return new DraftHeld(draft.id, text(draft.status), draft.organisation, draft.postcode, draft.email,
          text(draft.preferredPlaceOfCare), text(draft.functionalLevel), draft.thoughtsAboutFutureCare,
          draft.keySupporterName, draft.keySupporterRelationship, draft.keySupporterPhone, draft.createdAt,
          draft.updatedAt, draft.submittedAt);
    }
  }

  /** Someone the patient named as a proxy: never the proof they gave (its hash) nor their attempts. */
  public record ProxyHeld(UUID id, String proxyEmail, LocalDate proxyBirthdate, String status, Instant createdAt,
      Instant acceptedAt, Instant lastViewedAt, Instant revokedAt) {

    static ProxyHeld of(ProxyInvitation invitation) {
      return new ProxyHeld(invitation.id, invitation.proxyEmail, invitation.proxyBirthdate,
          text(invitation.status), invitation.createdAt, invitation.acceptedAt, invitation.lastViewedAt,
          invitation.revokedAt);
    }
  }

  public record SubmissionHeld(UUID draftId, Instant submittedAt, Instant deliveredAt, Instant erasedAt) {

    static SubmissionHeld of(SubmissionReceipt receipt) {
      return new SubmissionHeld(receipt.draftId, receipt.submittedAt, receipt.deliveredAt, receipt.erasedAt);
    }
  }

  /** A rights request as the clinical API recorded it, and what the portal erased at once for an erasure. */
  public record RaisedRequest(
      @Schema(implementation = ClinicalViews.PatientRightsRequestView.class) JsonNode request,
      PortalErasure.Erased portalErased) {
  }

  private final DraftRepository drafts;
  private final ProxyRepository proxies;
  private final SubmissionReceiptRepository receipts;
  private final PatientAccessClient clinical;
  private final MyPlanService plans;
  private final PortalErasure erasure;
  private final CurrentPatient me;
  private final Clock clock;

  public MyData(DraftRepository drafts, ProxyRepository proxies, SubmissionReceiptRepository receipts,
      @RestClient PatientAccessClient clinical, MyPlanService plans, PortalErasure erasure, CurrentPatient me,
      Clock clock) {
    this.drafts = drafts;
    this.proxies = proxies;
    this.receipts = receipts;
    this.clinical = clinical;
    this.plans = plans;
    this.erasure = erasure;
    this.me = me;
    this.clock = clock;
  }

  @WithSession
  public Uni<PortalData> export(Patient patient) {
    return drafts.listOwned(patient.nhsNumber()).chain(held -> proxies.ofPatient(patient.nhsNumber().value())
        .chain(named -> receipts.forPatient(patient.nhsNumber()).map(submitted -> new PortalData(
            patient.nhsNumber().value(), clock.instant(), held.stream().map(DraftHeld::of).toList(),
            named.stream().map(ProxyHeld::of).toList(), submitted.stream().map(SubmissionHeld::of).toList()))));
  }

  /** The same copy as one spreadsheet: a row per value, saying which record and field it belongs to. */
  public static String csv(PortalData data) {
    List<List<String>> rows = new ArrayList<>();
    data.drafts().forEach(draft -> rows(rows, "draft", draft.id(), Map.ofEntries(
        Map.entry("status", text(draft.status())), Map.entry("organisation", text(draft.organisation())),
        Map.entry("postcode", text(draft.postcode())), Map.entry("email", text(draft.email())),
        Map.entry("preferredPlaceOfCare", text(draft.preferredPlaceOfCare())),
        Map.entry("functionalLevel", text(draft.functionalLevel())),
        Map.entry("thoughtsAboutFutureCare", text(draft.thoughtsAboutFutureCare())),
        Map.entry("keySupporterName", text(draft.keySupporterName())),
        Map.entry("keySupporterRelationship", text(draft.keySupporterRelationship())),
        Map.entry("keySupporterPhone", text(draft.keySupporterPhone())),
        Map.entry("createdAt", text(draft.createdAt())), Map.entry("updatedAt", text(draft.updatedAt())),
        Map.entry("submittedAt", text(draft.submittedAt())))));
    data.proxies().forEach(proxy -> rows(rows, "proxy", proxy.id(), Map.of(
        "proxyEmail", text(proxy.proxyEmail()), "proxyBirthdate", text(proxy.proxyBirthdate()),
        "status", text(proxy.status()), "createdAt", text(proxy.createdAt()), "acceptedAt", text(proxy.acceptedAt()),
        "lastViewedAt", text(proxy.lastViewedAt()), "revokedAt", text(proxy.revokedAt()))));
    data.submissions().forEach(submission -> rows(rows, "submission", submission.draftId(), Map.of(
        "submittedAt", text(submission.submittedAt()), "deliveredAt", text(submission.deliveredAt()),
        "erasedAt", text(submission.erasedAt()))));
    return SpreadsheetCsv.write(List.of("record", "id", "field", "value"), rows);
  }

  /** Passes the patient's request to the clinical API; an erasure also erases what the portal holds, at once. */
  public Uni<RaisedRequest> raise(Patient patient, String kind, String details) {
    plans.requireProofing(patient);
    Map<String, Object> request = new java.util.HashMap<>();
    request.put("kind", kind);
    if (details != null) {
      request.put("details", details);
    }
    return clinical.raiseRightsRequest(patient.nhsNumber().value(), me.accessToken(), request)
        .chain(recorded -> !"ERASURE".equals(kind) ? Uni.createFrom().item(new RaisedRequest(recorded, null))
            : erasure.erase(patient.nhsNumber(), clock.instant()).map(erased -> new RaisedRequest(recorded, erased)));
  }

  public Uni<Page<ClinicalViews.PatientRightsRequestView>> requests(Patient patient) {
    plans.requireProofing(patient);
    return clinical.rightsRequests(patient.nhsNumber().value(), me.accessToken());
  }

  private static void rows(List<List<String>> rows, String record, UUID id, Map<String, String> fields) {
    fields.entrySet().stream().filter(field -> !field.getValue().isEmpty()).sorted(Map.Entry.comparingByKey())
        .forEach(field -> rows.add(List.of(record, id.toString(), field.getKey(), field.getValue())));
  }

  private static String text(Object value) {
    return Objects.toString(value, "");
  }
}
