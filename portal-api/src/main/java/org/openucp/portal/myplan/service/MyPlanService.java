package org.openucp.portal.myplan.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.openucp.portal.erasure.service.PortalErasure;
import org.openucp.portal.myplan.ViewingConfig;
import org.openucp.portal.myplan.client.ClinicalViews;
import org.openucp.portal.myplan.client.PatientAccessClient;
import org.openucp.portal.proxy.service.ProxyAssertions;
import org.openucp.portal.proxy.service.ProxyService;
import org.openucp.portal.security.CurrentPatient;
import org.openucp.portal.security.Patient;
import org.openucp.web.paging.Page;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * The patient's own published plan, who accessed it, and withdrawal of consent: all held by the clinical API,
 * reached as a service carrying the person's own NHS login token, which the clinical API verifies (and for a proxy
 * the portal's signed assertion of the relationship). Clinical content needs a photo-ID-checked identity (P9).
 */
@ApplicationScoped
public class MyPlanService {

  private final PatientAccessClient clinical;
  private final ProxyService proxies;
  private final ProxyAssertions assertions;
  private final PortalErasure erasure;
  private final CurrentPatient me;
  private final ViewingConfig config;
  private final Clock clock;

  public MyPlanService(@RestClient PatientAccessClient clinical, ProxyService proxies, ProxyAssertions assertions,
      PortalErasure erasure, CurrentPatient me, ViewingConfig config, Clock clock) {
    this.clock = clock;
    this.erasure = erasure;
    this.clinical = clinical;
    this.proxies = proxies;
    this.assertions = assertions;
    this.me = me;
    this.config = config;
  }

  public Uni<JsonNode> plan(Patient patient) {
    requireProofing(patient);
    return clinical.plan(patient.nhsNumber().value(), me.accessToken(), null);
  }

  public Uni<Page<ClinicalViews.Access>> accessLog(Patient patient, int page, int size) {
    requireProofing(patient);
    return clinical.accessLog(patient.nhsNumber().value(), me.accessToken(), page, size);
  }

  /**
   * Whether a clinician has published the patient's plan; unknown (empty) while the clinical API cannot be reached,
   * so that the patient still sees what the portal knows.
   */
  public Uni<Optional<Boolean>> planPublished(Patient patient) {
    return clinicalStatus(patient).map(status -> status.map(found -> found.path("published").asBoolean(false)));
  }

  /**
   * Whether a plan is published and where each submission stands in the clinical store; unknown (empty) while the
   * clinical API cannot be reached.
   */
  public Uni<Optional<JsonNode>> clinicalStatus(Patient patient) {
    return clinical.status(patient.nhsNumber().value(), me.accessToken())
        .map(Optional::of)
        .onFailure().recoverWithItem(Optional.empty());
  }

  /** What withdrawing consent would erase, so that the patient sees it before they confirm. */
  public record WithdrawalPreview(boolean planPublished, long drafts, long proxies, long submissions,
      String whatHappens) {
  }

  /** The erasure receipts of a withdrawal: the clinical API's and the portal's, counts only. */
  public record WithdrawalReceipt(
      @Schema(implementation = ClinicalViews.ClinicalErasureReceipt.class) JsonNode clinical,
      PortalErasure.Erased portal) {
  }

  public Uni<WithdrawalPreview> withdrawalPreview(Patient patient) {
    requireProofing(patient);
    return planPublished(patient).chain(published -> erasure.preview(patient.nhsNumber())
        .map(preview -> new WithdrawalPreview(published.orElse(false), preview.drafts(), preview.proxies(),
            preview.submissions(), "Your plan, its history, your drafts and your submissions will be erased at once; "
                + "urgent care will no longer find a plan; every proxy will lose access. Your care team will be "
                + "asked to contact you to talk it through.")));
  }

  /**
   * Withdraws consent in the clinical store (which erases the plan and the submissions, and asks the care team to
   * follow up), then erases what the portal holds at once. Should the portal fail after the clinical withdrawal, the
   * clinical API's withdrawal notice makes the portal erase it on its next run.
   */
  public Uni<WithdrawalReceipt> withdrawConsent(Patient patient, String reason) {
    requireProofing(patient);
    // Counted first: the clinical API's withdrawal notice may reach the portal's notice job, which erases the same
    // records, before this request does; the patient is told what their withdrawal erased either way.
    return erasure.preview(patient.nhsNumber()).chain(held -> clinical.withdraw(patient.nhsNumber().value(),
            me.accessToken(), Map.of("confirm", true, "reason", reason))
        .onFailure().transform(MyPlanService::withdrawalNotConfirmed)
        .chain(clinicalReceipt -> erasure.erase(patient.nhsNumber(), clock.instant())
            .map(portal -> new WithdrawalReceipt(clinicalReceipt, portal.includingErasedEarlier(held)))));
  }

  /**
   * The clinical API refused or could not be reached: nothing is erased here, and the patient is told to check
   * before trying again (after a timeout the withdrawal may have been made; trying again is harmless).
   */
  private static Throwable withdrawalNotConfirmed(Throwable failure) {
    if (failure instanceof ClientWebApplicationException refused && refused.getResponse() != null
        && refused.getResponse().getStatus() < 500) {
      return failure;
    }
    return new ProblemException(Problem.of("clinical-unavailable", "Try again shortly", 503,
        "Your withdrawal could not be confirmed just now. Check your plan's status and try again: nothing is lost "
            + "by withdrawing twice."));
  }

  /** The published plan of a patient who made this person their proxy; the patient sees when it was last shown. */
  public Uni<JsonNode> planForProxy(Patient proxy, UUID invitationId) {
    requireProofing(proxy);
    return proxies.openFor(proxy, invitationId)
        .chain(invitation -> clinical.plan(invitation.patientNhsNumber, me.accessToken(),
                assertions.assertFor(proxy, invitation))
            .call(() -> proxies.noteViewed(invitation)));
  }

  /** Checks a patient or proxy may see clinical content: identity checked to the configured level. */
  public void requireProofing(Patient patient) {
    if (!patient.proofedAtLeast(config.minimumProofing())) {
      throw new ProblemException(Problem.of("identity-proofing", "Identity check needed", 403,
          "Seeing your plan needs an NHS login identity checked with photo ID (level " + config.minimumProofing()
              + "); yours is " + patient.identityProofingLevel() + ". Verify your identity in NHS login first."));
    }
  }
}
