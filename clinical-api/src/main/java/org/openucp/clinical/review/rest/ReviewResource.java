package org.openucp.clinical.review.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.review.service.ReviewReminders;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.paging.Page;

@Path("/organisations/{odsCode}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Reviews", description = "Plans due or overdue for review, for the organisation that owns them")
@SecurityRequirement(name = "cis2")
public class ReviewResource {

  private final ReviewReminders reminders;
  private final Clock clock;

  public ReviewResource(ReviewReminders reminders, Clock clock) {
    this.reminders = reminders;
    this.clock = clock;
  }

  /** A plan to review, and whether its review date has already passed. */
  public record ReviewDue(String nhsNumber, LocalDate reviewDate, boolean overdue) {
  }

  @GET
  @Audited("reviews.list")
  @Operation(summary = "My organisation's plans due for review within the notice period, or overdue")
  @APIResponse(responseCode = "200", description = "Due and overdue plans, earliest first")
  @APIResponse(responseCode = "400", description = "Not a valid ODS code")
  public Uni<Page<ReviewDue>> listDueReviews(@PathParam("odsCode") OdsCode odsCode, UriInfo request) {
    LocalDate today = LocalDate.now(clock);
    return reminders.dueFor(odsCode).map(tasks -> Page.complete(tasks.stream()
        .map(task -> new ReviewDue(task.nhsNumber, task.reviewDate, task.reviewDate.isBefore(today)))
        .toList(), request));
  }
}
