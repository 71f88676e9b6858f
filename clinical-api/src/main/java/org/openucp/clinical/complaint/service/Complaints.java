package org.openucp.clinical.complaint.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.complaint.Complaint;
import org.openucp.clinical.complaint.repository.ComplaintRepository;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.time.StatedTimes;
import org.openucp.web.version.Versions;

/** The complaint log, kept by the operator's information governance team apart from patients' records. */
@ApplicationScoped
public class Complaints {

  /** What recording a complaint needs. */
  public record NewComplaint(Instant receivedAt, String complainant, String contact, NhsNumber patient,
      OdsCode organisation, String summary) {
  }

  private final ComplaintRepository complaints;
  private final RetentionSchedule schedule;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public Complaints(ComplaintRepository complaints, RetentionSchedule schedule, AccessGuard access,
      AuditContext audit, Clock clock) {
    this.complaints = complaints;
    this.schedule = schedule;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Complaint> record(NewComplaint received) {
    if (received.patient() != null) {
      audit.patient(received.patient());
    }
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> {
      Instant now = clock.instant();
      Instant receivedAt = received.receivedAt() == null ? now : received.receivedAt();
      StatedTimes.require("receivedAt", receivedAt, now);
      Complaint complaint = new Complaint();
      complaint.id = UUID.randomUUID();
      complaint.receivedAt = receivedAt;
      complaint.complainant = received.complainant();
      complaint.contact = received.contact();
      complaint.nhsNumber = received.patient() == null ? null : received.patient().value();
      complaint.organisation = received.organisation() == null ? null : received.organisation().value();
      complaint.summary = received.summary();
      complaint.status = Complaint.Status.OPEN;
      complaint.recordedBy = staff.id();
      return complaints.persistAndFlush(complaint);
    });
  }

  @WithSession
  public Uni<List<Complaint>> list(boolean openOnly) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> complaints.newestFirst(openOnly))
        .invoke(found -> audit.revealed(found.stream().map(complaint -> complaint.nhsNumber)
            .filter(Objects::nonNull).map(NhsNumber::of).toList()));
  }

  @WithSession
  public Uni<Complaint> get(UUID id) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id));
  }

  /** Closes the complaint with its outcome; it is kept for the retention schedule's period from today. */
  @WithTransaction
  public Uni<Complaint> close(UUID id, long expectedRevision, String outcome) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id).map(complaint -> {
      Versions.check(expectedRevision, complaint.revision);
      if (complaint.status == Complaint.Status.CLOSED) {
        throw ProblemException.conflict("complaint-closed", "Already closed",
            "The complaint was closed at " + complaint.closedAt);
      }
      complaint.status = Complaint.Status.CLOSED;
      complaint.outcome = outcome;
      complaint.closedAt = clock.instant();
      complaint.closedBy = staff.id();
      return complaint;
    }));
  }

  /**
   * The day a closed complaint's minimum retention ends, by the schedule as configured now; null while it is open.
   * After it, the complaint goes to appraisal and is kept until information governance decides.
   */
  public LocalDate retainUntil(Complaint complaint) {
    return complaint.closedAt == null ? null : schedule.forComplaint(complaint.closedAt).endsOn();
  }

  private Uni<Complaint> existing(UUID id) {
    return complaints.findById(id).map(complaint -> {
      if (complaint == null) {
        throw ProblemException.notFound("A complaint with this id");
      }
      if (complaint.nhsNumber != null) {
        audit.patient(NhsNumber.of(complaint.nhsNumber));
      }
      return complaint;
    });
  }
}
