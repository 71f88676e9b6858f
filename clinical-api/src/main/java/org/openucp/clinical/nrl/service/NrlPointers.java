package org.openucp.clinical.nrl.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.nrl.NrlPointer;
import org.openucp.clinical.nrl.repository.NrlPointerRepository;
import org.openucp.clinical.security.Caller;
import org.openucp.clinical.security.CurrentCaller;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;

/** Keeps one current pointer per published plan; each new version's pointer replaces the previous one. */
@ApplicationScoped
public class NrlPointers {

  private final NrlPointerRepository pointers;
  private final CurrentCaller caller;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public NrlPointers(NrlPointerRepository pointers, CurrentCaller caller, AccessGuard access, AuditContext audit,
      Clock clock) {
    this.pointers = pointers;
    this.caller = caller;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Points at the newly published version, superseding the pointer to the one before. Call inside the transaction. */
  public Uni<NrlPointer> published(UUID planId, String nhsNumber, int version, String custodian, String author) {
    return pointers.currentFor(planId).chain(previous -> {
      NrlPointer pointer = new NrlPointer();
      pointer.id = UUID.randomUUID();
      pointer.planId = planId;
      pointer.nhsNumber = nhsNumber;
      pointer.version = version;
      pointer.status = NrlPointer.CURRENT;
      pointer.custodian = custodian;
      pointer.author = author;
      pointer.createdAt = clock.instant();
      if (previous == null) {
        return pointers.persist(pointer);
      }
      previous.status = NrlPointer.SUPERSEDED;
      pointer.replaces = previous.id;
      return pointers.persistAndFlush(previous).chain(() -> pointers.persist(pointer));
    });
  }

  /** Takes every pointer to the plan out of NRL, e.g. while the patient restricts its use. Call inside the transaction. */
  public Uni<Long> removed(UUID planId) {
    return pointers.delete("planId", planId);
  }

  /** The current pointers for a patient: for urgent-care staff, and for urgent-care systems. */
  @WithSession
  public Uni<List<NrlPointer>> forPatient(NhsNumber patient) {
    audit.patient(patient);
    return allowed().chain(() -> pointers.currentForPatient(patient.value()));
  }

  /** One pointer by its id, for those who may search them; whose it is is known, and audited, once it is found. */
  @WithSession
  public Uni<NrlPointer> one(UUID id) {
    return allowed().chain(() -> pointers.findById(id)).map(pointer -> {
      if (pointer == null) {
        throw ProblemException.notFound("Document reference " + id);
      }
      audit.patient(NhsNumber.of(pointer.nhsNumber));
      audit.plan(pointer.planId, pointer.version);
      return pointer;
    });
  }

  private Uni<?> allowed() {
    return caller.get() instanceof Caller.ServiceClient service && service.hasRole(Roles.FLAG_READER)
        ? Uni.createFrom().voidItem()
        : access.require(Permission.VIEW_PUBLISHED);
  }
}
