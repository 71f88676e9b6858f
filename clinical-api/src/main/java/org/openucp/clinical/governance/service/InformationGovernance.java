package org.openucp.clinical.governance.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.DeadlineSource;

/** The information governance team's view across its cases: what is overdue and what falls due soon. */
@ApplicationScoped
public class InformationGovernance {

  /** What counts as due soon for monitoring: within two days. */
  public static final Duration SOON = Duration.ofHours(48);

  private final Instance<DeadlineSource> sources;
  private final AccessGuard access;
  private final Clock clock;

  public InformationGovernance(Instance<DeadlineSource> sources, AccessGuard access, Clock clock) {
    this.sources = sources;
    this.access = access;
    this.clock = clock;
  }

  /** How many deadlines have passed, and how many fall due within the window: numbers only, for monitoring. */
  public record Counts(long overdue, long dueSoon) {
  }

  /** Every open deadline that has passed or falls within {@code within} from now, the most urgent first. */
  @WithSession
  public Uni<List<Deadline>> deadlines(Duration within) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> due(within));
  }

  /** The counts behind {@link #deadlines}, which name no case and no patient: served by the health endpoint. */
  @WithSession
  public Uni<Counts> counts(Duration within) {
    return due(within).map(found -> {
      long overdue = found.stream().filter(Deadline::overdue).count();
      return new Counts(overdue, found.size() - overdue);
    });
  }

  private Uni<List<Deadline>> due(Duration within) {
    Instant now = clock.instant();
    Uni<List<Deadline>> all = Uni.createFrom().item(new ArrayList<>());
    // One after the other: a reactive session runs one query at a time.
    for (DeadlineSource source : sources) {
      all = all.chain(found -> source.dueBefore(now.plus(within), now).map(more -> {
        found.addAll(more);
        return found;
      }));
    }
    return all.map(found -> found.stream().sorted(Comparator.comparing(Deadline::dueAt)).toList());
  }
}
