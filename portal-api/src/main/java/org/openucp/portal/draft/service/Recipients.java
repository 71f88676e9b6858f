package org.openucp.portal.draft.service;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openucp.model.identity.OdsCode;
import org.openucp.portal.draft.client.RecipientClient;
import org.openucp.portal.draft.client.RecipientClient.Recipient;
import org.openucp.web.paging.Page;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/** The GP practices and care teams a patient may send their draft to, as the clinical API lists them. */
@ApplicationScoped
public class Recipients {

  private static final Logger LOG = Logger.getLogger(Recipients.class);

  private final RecipientClient clinical;

  public Recipients(@RestClient RecipientClient clinical) {
    this.clinical = clinical;
  }

  public Uni<List<Recipient>> all() {
    return current().onFailure().transform(e -> {
      LOG.warnf("The clinical API's recipients could not be read: %s", e.toString());
      return new ProblemException(Problem.of("clinical-unavailable", "Try again shortly", 503,
          "The list of GP practices and care teams cannot be reached just now; nothing was changed"));
    });
  }

  /**
   * Fails with a 422 naming the field when no organisation is chosen, or when the clinical API's list says the chosen
   * one does not receive submissions. While the list cannot be read the choice stands: a patient can still submit
   * while the clinical API is down, and the relay delivers later.
   */
  public Uni<Void> requireRecipient(String organisation) {
    if (organisation == null) {
      return Uni.createFrom().failure(notARecipient("choose the GP practice or care team to send it to"));
    }
    return current()
        .onFailure().invoke(e -> LOG.warnf("Submission to %s not checked against the recipients: %s", organisation,
            e.toString()))
        .onFailure().recoverWithNull()
        .invoke(found -> {
          if (found != null && found.stream().noneMatch(recipient -> recipient.odsCode().equals(organisation))) {
            throw notARecipient(OdsCode.of(organisation) + " does not receive submissions: choose another");
          }
        }).replaceWithVoid();
  }

  /**
   * The list as the clinical API last gave it, kept for {@code quarkus.cache.caffeine.recipients.expire-after-write}:
   * every submission checks it, and it changes when an organisation is onboarded or its agreement ends, not from one
   * submission to the next. A failure is not kept: the next call asks again.
   */
  @CacheResult(cacheName = "recipients")
  Uni<List<Recipient>> current() {
    return clinical.recipients().map(Page::items);
  }

  private static ProblemException notARecipient(String reason) {
    return new ProblemException(Problem.of("no-recipient", "Choose who to send it to", 422,
            "organisation: " + reason)
        .withErrors(List.of(new Problem.FieldError("organisation", reason))));
  }
}
