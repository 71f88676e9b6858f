package org.openucp.clinical.notice.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.notice.ReconsentNotification.Outcome;
import org.openucp.clinical.notice.service.ReconsentNotifications;
import org.openucp.clinical.security.Roles;
import org.openucp.web.paging.Page;

@Path("/reconsent-notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT_ACCESS)
@Tag(name = "Patient access")
@SecurityRequirement(name = "cis2")
public class ReconsentNotificationResource {

  private final ReconsentNotifications notifications;

  public ReconsentNotificationResource(ReconsentNotifications notifications) {
    this.notifications = notifications;
  }

  /** A patient to email that their consent is needed again under this notice, by this date. */
  public record Notification(UUID id, String nhsNumber, UUID noticeId, String noticeVersion, String noticeUrl,
      Instant dueAt, Instant createdAt) {
  }

  /** What the portal could do for one notification. */
  public record OutcomeReport(@NotNull Outcome outcome) {
  }

  @GET
  @Audited("reconsent.notifications")
  @Operation(summary = "Patients to email that their consent is needed again, oldest first (portal only)")
  @APIResponse(responseCode = "200", description = "Pending notifications")
  public Uni<Page<Notification>> listReconsentNotifications(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit, UriInfo request) {
    return notifications.pending(limit).map(found -> Page.head(found.map(pending -> new Notification(
        pending.notification().id, pending.notification().nhsNumber, pending.notification().noticeId,
        pending.notice() == null ? null : pending.notice().version,
        pending.notice() == null ? null : pending.notice().url,
        pending.notification().dueAt, pending.notification().createdAt)), request));
  }

  @PUT
  @Path("/{id}/outcome")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("reconsent.notification-outcome")
  @Operation(summary = "What the portal could do: emailed, no email known, or sending failed (portal only)")
  @APIResponse(responseCode = "204", description = "Recorded (the first report stands; an unknown id is ignored)")
  @APIResponse(responseCode = "400", description = "No outcome, or an unknown one")
  public Uni<Void> reportReconsentOutcome(@PathParam("id") UUID id, @NotNull @Valid OutcomeReport report) {
    return notifications.report(id, report.outcome());
  }
}
