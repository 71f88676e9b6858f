package org.openucp.clinical.rights.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.DeadlineSource;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.repository.RightsRequestRepository;

/** Open rights requests on their two clocks: the service's promise and the statutory month (once it has started). */
@ApplicationScoped
public class RightsRequestDeadlines implements DeadlineSource {

  private final RightsRequestRepository requests;

  public RightsRequestDeadlines(RightsRequestRepository requests) {
    this.requests = requests;
  }

  @Override
  public Uni<List<Deadline>> dueBefore(Instant until, Instant now) {
    return requests.open().map(open -> {
      List<Deadline> due = new ArrayList<>();
      for (RightsRequest request : open) {
        String what = request.kind.name().toLowerCase() + " request from " + request.requester;
        if (request.serviceDueAt.isBefore(until)) {
          due.add(new Deadline("rights-request.service", request.id.toString(),
              "Service promise: " + what, request.serviceDueAt, request.serviceDueAt.isBefore(now)));
        }
        if (request.dueOn() != null) {
          // Due on that day: overdue from the start of the next.
          Instant statutory = request.dueOn().plusDays(1).atStartOfDay(RightsRequests.ENGLAND).toInstant();
          if (statutory.isBefore(until)) {
            due.add(new Deadline("rights-request.statutory", request.id.toString(),
                "Statutory deadline: " + what, statutory, !statutory.isAfter(now)));
          }
        }
      }
      return due;
    });
  }
}
