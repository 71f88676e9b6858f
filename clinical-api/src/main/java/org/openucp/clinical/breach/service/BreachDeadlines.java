package org.openucp.clinical.breach.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.breach.repository.BreachRepository;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.DeadlineSource;

/**
 * The breach register's clocks in the information governance team's list of deadlines: each breach whose ICO clock
 * still runs (no decision yet, or a decision to notify not carried out), due the configured period after the operator
 * became aware.
 */
@ApplicationScoped
public class BreachDeadlines implements DeadlineSource {

  public static final String KIND = "breach.regulator";
  private static final int SUMMARY_TEXT = 80;

  private final BreachRepository breaches;
  private final BreachConfig config;

  public BreachDeadlines(BreachRepository breaches, BreachConfig config) {
    this.breaches = breaches;
    this.config = config;
  }

  @Override
  public Uni<List<Deadline>> dueBefore(Instant until, Instant now) {
    Duration deadline = config.regulatorDeadline();
    return breaches.regulatorClockRunningAwareBefore(until.minus(deadline)).map(found -> found.stream()
        .map(breach -> {
          Instant due = breach.awareAt.plus(deadline);
          return new Deadline(KIND, breach.id.toString(), summary(breach), due, due.isBefore(now));
        }).toList());
  }

  private static String summary(Breach breach) {
    String what = breach.whatHappened.strip().replaceAll("\\s+", " ");
    if (what.length() > SUMMARY_TEXT) {
      what = what.substring(0, SUMMARY_TEXT - 1) + "…";
    }
    String category = breach.category.name().toLowerCase(Locale.ROOT);
    return (breach.notifyRegulator == null
        ? "Decide whether to notify the ICO of a " + category + " breach: "
        : "Notify the ICO, as decided, of a " + category + " breach: ") + what;
  }
}
