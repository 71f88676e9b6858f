package org.openucp.clinical.notice.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.DeadlineSource;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.repository.PrivacyNoticeRepository;
import org.openucp.clinical.notice.repository.ReconsentRepository;

/**
 * Consents to be given again under a new privacy notice, overdue or falling due: one deadline per notice and due
 * date, with how many patients it concerns (no NHS numbers: their care teams have the tasks, and a plan restricted
 * for it is listed under restrictions). Once the job has restricted a plan its deadline is met.
 */
@ApplicationScoped
public class ReconsentDeadlines implements DeadlineSource {

  public static final String KIND = "consent.reconsent";

  private final ReconsentRepository reconsents;
  private final PrivacyNoticeRepository notices;

  public ReconsentDeadlines(ReconsentRepository reconsents, PrivacyNoticeRepository notices) {
    this.reconsents = reconsents;
    this.notices = notices;
  }

  @Override
  public Uni<List<Deadline>> dueBefore(Instant until, Instant now) {
    return reconsents.dueBefore(until).chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<Deadline>of())
        : notices.inPublicationOrder().map(all -> {
          Map<UUID, PrivacyNotice> byId = all.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
          return due.stream().map(waiting -> {
            PrivacyNotice notice = byId.get(waiting.noticeId());
            String version = notice == null ? waiting.noticeId().toString() : notice.version;
            return new Deadline(KIND, waiting.noticeId().toString(), "Consent to be given again under privacy notice "
                + version + " by " + waiting.count() + (waiting.count() == 1 ? " patient" : " patients")
                + "; each plan is restricted when this passes", waiting.dueAt(), !waiting.dueAt().isAfter(now));
          }).toList();
        }));
  }
}
