package org.openucp.clinical.notice.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.ReconsentNotification;
import org.openucp.clinical.notice.ReconsentNotification.Outcome;
import org.openucp.clinical.notice.repository.PrivacyNoticeRepository;
import org.openucp.clinical.notice.repository.ReconsentRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Slice;

/**
 * The patients the portal is to email because their consent is needed again: the portal reads them with its service
 * credentials, emails those it has an address for, and reports for each what it could do. A patient it cannot reach
 * is recorded as such; their care team's task is the other way to reach them.
 */
@ApplicationScoped
public class ReconsentNotifications {

  private final ReconsentRepository reconsents;
  private final PrivacyNoticeRepository notices;
  private final AuditContext audit;
  private final Clock clock;

  public ReconsentNotifications(ReconsentRepository reconsents, PrivacyNoticeRepository notices, AuditContext audit,
      Clock clock) {
    this.reconsents = reconsents;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  /** A notification with the notice it is about. */
  public record Pending(ReconsentNotification notification, PrivacyNotice notice) {
  }

  /** The oldest notifications not yet dealt with: each patient listed is audited. */
  @WithSession
  public Uni<Slice<Pending>> pending(int limit) {
    return reconsents.oldestPending(limit).chain(found -> found.items().isEmpty()
        ? Uni.createFrom().item(found.map(notification -> new Pending(notification, null)))
        : notices.inPublicationOrder().map(all -> {
          Map<UUID, PrivacyNotice> byId = all.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
          return found.map(notification -> new Pending(notification, byId.get(notification.noticeId)));
        }))
        .invoke(found -> audit.revealed(found.items().stream()
            .map(pending -> NhsNumber.of(pending.notification().nhsNumber)).distinct().toList()));
  }

  /**
   * What the portal could do for this notification. The first report stands; a repeat (after a crash between
   * emailing and reporting) or a report for a notification erased meanwhile (withdrawal) is harmless.
   */
  @WithTransaction
  public Uni<Void> report(UUID id, Outcome outcome) {
    return reconsents.findById(id).chain(notification -> {
      if (notification == null) {
        return Uni.createFrom().voidItem();
      }
      audit.patient(NhsNumber.of(notification.nhsNumber));
      if (notification.outcome != null) {
        return Uni.createFrom().voidItem();
      }
      notification.outcome = outcome;
      notification.outcomeAt = clock.instant();
      return reconsents.persist(notification).replaceWithVoid();
    });
  }
}
