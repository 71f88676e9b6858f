package org.openucp.clinical.rights.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.RightsRequest.Kind;
import org.openucp.clinical.rights.repository.RightsRequestRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.time.StatedTimes;
import org.openucp.web.version.Versions;

/**
 * Patients' rights requests, handled by the operator's information governance team: recorded as received (by the
 * portal, or by staff from a call or a letter), the requester's identity verified (the statutory month starts), at
 * most one extension of up to two months with reasons sent within the first month, and an answer.
 */
@ApplicationScoped
public class RightsRequests {

  /** Calendar months are counted in the country the law applies in. */
  static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  /** What recording a request needs. */
  public record NewRequest(NhsNumber patient, Kind kind, RightsRequest.Channel receivedVia, Instant receivedAt,
      String requester, String details) {
  }

  private final RightsRequestRepository requests;
  private final Restrictions restrictions;
  private final RightsConfig config;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public RightsRequests(RightsRequestRepository requests, Restrictions restrictions, RightsConfig config,
      AccessGuard access, AuditContext audit, Clock clock) {
    this.requests = requests;
    this.restrictions = restrictions;
    this.config = config;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records a request as received. A request to restrict, or an objection, restricts the patient's data at once,
   * until it is decided: using the data while the patient contests its use is what they asked us not to do.
   */
  @WithTransaction
  public Uni<RightsRequest> record(NewRequest request) {
    audit.patient(request.patient());
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> {
      Instant now = clock.instant();
      Instant receivedAt = request.receivedAt() == null ? now : request.receivedAt();
      StatedTimes.require("receivedAt", receivedAt, now);
      RightsRequest created = received(request, receivedAt, staff.id());
      created.handler = staff.name();
      return stored(created);
    });
  }

  /**
   * The patient's own request, made in the patient portal: their NHS login (checked by the caller to P9) verified
   * their identity, so the statutory month starts at once. No staff permission applies: it is the patient's right.
   */
  @WithTransaction
  public Uni<RightsRequest> recordByPatient(NhsNumber patient, Kind kind, String details, String subject) {
    audit.patient(patient);
    Instant now = clock.instant();
    RightsRequest created = received(new NewRequest(patient, kind, RightsRequest.Channel.PORTAL, now,
        "The patient, signed in to the patient portal with NHS login", details), now, "patient:" + subject);
    created.idVerifiedAt = now;
    created.idVerifiedBy = created.recordedBy;
    created.idVerification = "NHS login, identity checked with photo ID (P9)";
    created.statutoryDueOn = LocalDate.ofInstant(now, ENGLAND).plusMonths(1);
    return stored(created);
  }

  /** The patient's own requests, newest first, for the patient portal. */
  @WithSession
  public Uni<List<RightsRequest>> ofPatient(NhsNumber patient) {
    audit.patient(patient);
    return requests.forPatient(patient.value());
  }

  private RightsRequest received(NewRequest request, Instant receivedAt, String recordedBy) {
    RightsRequest created = new RightsRequest();
    created.id = UUID.randomUUID();
    created.nhsNumber = request.patient().value();
    created.kind = request.kind();
    created.receivedVia = request.receivedVia();
    created.receivedAt = receivedAt;
    created.requester = request.requester();
    created.details = request.details();
    created.recordedBy = recordedBy;
    created.serviceDueAt = receivedAt.plus(config.serviceDeadline());
    created.status = RightsRequest.Status.OPEN;
    return created;
  }

  private Uni<RightsRequest> stored(RightsRequest created) {
    Uni<RightsRequest> stored = requests.persistAndFlush(created);
    if (created.kind == Kind.RESTRICTION || created.kind == Kind.OBJECTION) {
      stored = stored.call(saved -> restrictions.restrictWithin(saved.recordedBy, NhsNumber.of(saved.nhsNumber),
          "Pending the patient's " + saved.kind.name().toLowerCase() + " request " + saved.id, saved.id));
    }
    return stored;
  }

  @WithSession
  public Uni<List<RightsRequest>> list(boolean openOnly) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE)
        .chain(staff -> openOnly ? requests.open() : requests.listAll())
        .invoke(found -> audit.revealed(found.stream().map(request -> NhsNumber.of(request.nhsNumber)).toList()));
  }

  @WithSession
  public Uni<RightsRequest> get(UUID id) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id));
  }

  /** The requester's identity is verified: the statutory month starts today. */
  @WithTransaction
  public Uni<RightsRequest> identityVerified(UUID id, long expectedRevision, String how, Instant verifiedAt) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> open(id, expectedRevision)
        .map(request -> {
          Instant now = clock.instant();
          Instant at = verifiedAt == null ? now : verifiedAt;
          StatedTimes.require("verifiedAt", at, now);
          if (at.isBefore(request.receivedAt)) {
            throw ProblemException.badRequest("verified-before-received",
                "Identity cannot have been verified before the request was received");
          }
          if (request.idVerifiedAt != null) {
            throw ProblemException.conflict("identity-already-verified", "Identity already verified",
                "The requester's identity was verified at " + request.idVerifiedAt);
          }
          request.idVerifiedAt = at;
          request.idVerifiedBy = staff.id();
          request.idVerification = how;
          request.statutoryDueOn = LocalDate.ofInstant(at, ENGLAND).plusMonths(1);
          return request;
        }));
  }

  /**
   * Extends the statutory deadline by up to two further months (a complex or numerous request), once, and only
   * while the first month runs, with the reasons sent to the requester.
   */
  @WithTransaction
  public Uni<RightsRequest> extended(UUID id, long expectedRevision, int months, String reason, Instant notifiedAt) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> open(id, expectedRevision)
        .map(request -> {
          if (request.statutoryDueOn == null) {
            throw ProblemException.conflict("identity-not-verified", "The statutory month has not started",
                "Verify the requester's identity first: the month, and any extension, counts from then");
          }
          if (request.extendedDueOn != null) {
            throw ProblemException.conflict("already-extended", "Already extended",
                "The deadline was already extended to " + request.extendedDueOn);
          }
          Instant now = clock.instant();
          Instant notified = notifiedAt == null ? now : notifiedAt;
          StatedTimes.require("notifiedAt", notified, now);
          if (LocalDate.ofInstant(notified, ENGLAND).isAfter(request.statutoryDueOn)) {
            throw ProblemException.conflict("extension-too-late", "Too late to extend",
                "An extension must be explained to the requester within the first month, by "
                    + request.statutoryDueOn);
          }
          request.extendedDueOn = request.statutoryDueOn.plusMonths(months);
          request.extensionReason = reason;
          request.extensionNotifiedAt = notified;
          return request;
        }));
  }

  /** Closes the case with its outcome and the reply sent; a refusal's reply gives the reasons and the right to complain. */
  @WithTransaction
  public Uni<RightsRequest> closed(UUID id, long expectedRevision, RightsRequest.Status status, String outcome,
      String reply) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> open(id, expectedRevision)
        .map(request -> {
          if (status == RightsRequest.Status.OPEN) {
            throw ProblemException.badRequest("status-not-closing", "A case closes as COMPLETED or REFUSED");
          }
          request.status = status;
          request.outcome = outcome;
          request.reply = reply;
          request.repliedAt = clock.instant();
          request.closedBy = staff.id();
          return request;
        }));
  }

  private Uni<RightsRequest> open(UUID id, long expectedRevision) {
    return existing(id).map(request -> {
      Versions.check(expectedRevision, request.revision);
      if (!request.isOpen()) {
        throw ProblemException.conflict("request-closed", "The request is closed",
            "It was closed as " + request.status + " at " + request.repliedAt);
      }
      return request;
    });
  }

  private Uni<RightsRequest> existing(UUID id) {
    return requests.findById(id).map(request -> {
      if (request == null) {
        throw ProblemException.notFound("A rights request with this id");
      }
      audit.patient(NhsNumber.of(request.nhsNumber));
      return request;
    });
  }
}
