package org.openucp.clinical.rights.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.breach.BreachCategory;
import org.openucp.clinical.breach.service.BreachInput;
import org.openucp.clinical.breach.service.BreachRegister;
import org.openucp.clinical.rights.Restriction;
import org.openucp.model.identity.NhsNumber;

/**
 * A report that a child's data was collected without the consent the law requires: it opens an incident in the
 * breach register (processing without a lawful basis is a confidentiality breach until shown otherwise, on the
 * regulator's clock) and restricts the child's plan until information governance decides, as the seeds promise
 * investigation and removal.
 */
@ApplicationScoped
public class ChildConsentReports {

  /** What was reported, and by whom. */
  public record Report(NhsNumber child, String whatWasReported, String reportedBy) {
  }

  /** The incident opened, and the restriction in force. */
  public record Opened(BreachRegister.Detail incident, Restriction restriction) {
  }

  private final BreachRegister breaches;
  private final Restrictions restrictions;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public ChildConsentReports(BreachRegister breaches, Restrictions restrictions, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.breaches = breaches;
    this.restrictions = restrictions;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Opened> report(Report report) {
    audit.patient(report.child());
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> breaches.record(
            new BreachInput.Facts("Reported by " + report.reportedBy() + ": a child's data collected without the "
                + "consent the law requires. " + report.whatWasReported(), BreachCategory.CONFIDENTIALITY, null,
                clock.instant(), "A child's plan held or shared without a lawful basis", "The child's plan is "
                + "restricted from use until information governance decides", null, null))
        .chain(incident -> breaches.addPatients(incident.breach().id, null, List.of(report.child()))
            .chain(withChild -> restrictions.restrictWithin(staff.id(), report.child(), "Child's consent reported "
                + "missing: incident " + incident.breach().id, null).map(restriction -> new Opened(withChild,
                restriction)))));
  }
}
