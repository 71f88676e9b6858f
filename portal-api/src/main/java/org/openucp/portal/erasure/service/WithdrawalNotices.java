package org.openucp.portal.erasure.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.erasure.WithdrawalConfig;
import org.openucp.portal.erasure.client.WithdrawalNoticeClient;

/**
 * Carries withdrawals made in the clinical API (by staff, or by the patient) into the portal: the clinical API keeps
 * a notice in the withdrawal's own transaction; this job erases the patient's portal records, then acknowledges. A
 * crash on either side leaves the notice in place, and the next run erases again (harmlessly) and acknowledges.
 */
@ApplicationScoped
public class WithdrawalNotices {

  private static final Logger LOG = Logger.getLogger(WithdrawalNotices.class);
  private final WithdrawalNoticeClient clinical;
  private final PortalErasure erasure;
  private final WithdrawalConfig config;

  public WithdrawalNotices(@RestClient WithdrawalNoticeClient clinical, PortalErasure erasure,
      WithdrawalConfig config) {
    this.clinical = clinical;
    this.erasure = erasure;
    this.config = config;
  }

  @Scheduled(identity = "withdrawal-notices", every = "${portal.withdrawals.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return applyPending().onFailure().invoke(e -> LOG.warnf("Withdrawal notices not applied this time: %s",
        e.toString())).onFailure().recoverWithNull().replaceWithVoid();
  }

  /** One run: emits how many notices were applied and acknowledged. */
  public Uni<Integer> applyPending() {
    return clinical.pending(config.batchSize()).chain(notices -> Multi.createFrom().iterable(notices.items())
        .onItem().transformToUniAndConcatenate(notice -> erasure.erase(NhsNumber.of(notice.nhsNumber()), notice.withdrawnAt())
            .chain(() -> clinical.acknowledge(notice.id())).replaceWith(notice))
        .collect().asList()
        .map(List::size));
  }
}
