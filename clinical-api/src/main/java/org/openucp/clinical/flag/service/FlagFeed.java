package org.openucp.clinical.flag.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.flag.FlagChange;
import org.openucp.clinical.flag.FlagEvent;
import org.openucp.clinical.flag.repository.FlagEventRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;

/**
 * Tells urgent-care systems which patients have a published plan, as an ordered feed of changes. Writes happen in
 * the publishing or withdrawing transaction, so the feed never disagrees with the plans.
 */
@ApplicationScoped
public class FlagFeed {

  private final FlagEventRepository events;
  private final AuditContext audit;
  private final Clock clock;

  public FlagFeed(FlagEventRepository events, AuditContext audit, Clock clock) {
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records that a plan was published (first version: added; later ones: changed). Call inside the transaction. */
  public Uni<FlagEvent> published(String nhsNumber, int version, PlanContent content) {
    FlagEvent event = new FlagEvent();
    event.nhsNumber = nhsNumber;
    event.change = version == 1 ? FlagChange.ADDED : FlagChange.CHANGED;
    PlanContent.Person person = content.person();
    if (person != null) {
      event.givenName = person.givenName();
      event.familyName = person.familyName();
      event.dateOfBirth = person.dateOfBirth();
      event.address = person.address();
      event.postcode = person.postcode() == null ? null : person.postcode().value();
    }
    return append(event);
  }

  /** Records that the patient's plan is gone, and forgets the identifiers earlier events carried. */
  public Uni<FlagEvent> removed(String nhsNumber) {
    FlagEvent event = new FlagEvent();
    event.nhsNumber = nhsNumber;
    event.change = FlagChange.REMOVED;
    return events.forget(nhsNumber).chain(() -> append(event));
  }

  /** The entries after the cursor; each patient they name is recorded in the audit trail. */
  @WithSession
  public Uni<List<FlagEvent>> after(long cursor, int limit) {
    return events.after(cursor, limit).invoke(found -> audit.revealed(found.stream()
        .map(event -> NhsNumber.of(event.nhsNumber)).distinct().toList()));
  }

  private Uni<FlagEvent> append(FlagEvent event) {
    event.occurredAt = clock.instant();
    return events.nextSeq().chain(seq -> {
      event.seq = seq;
      return events.persist(event);
    });
  }
}
