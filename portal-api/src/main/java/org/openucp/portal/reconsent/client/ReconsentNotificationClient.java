package org.openucp.portal.reconsent.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openucp.model.api.ApiVersion;
import org.openucp.web.paging.Page;

/** The clinical API's list of patients to tell that their consent is needed again, read as the portal. */
@RegisterRestClient(configKey = "clinical-notifications")
@OidcClientFilter
@Path(ApiVersion.PATH + "/reconsent-notifications")
public interface ReconsentNotificationClient {

  /** A patient to email: under which notice (and where it is published, if it is), and by when. */
  record Notification(UUID id, String nhsNumber, UUID noticeId, String noticeVersion, String noticeUrl,
      Instant dueAt, Instant createdAt) {
  }

  /** What the portal could do: {@code EMAILED}, {@code NO_EMAIL_KNOWN} or {@code SEND_FAILED}. */
  record OutcomeReport(String outcome) {
  }

  @GET
  Uni<Page<Notification>> pending(@QueryParam("limit") int limit);

  @PUT
  @Path("/{id}/outcome")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Void> report(@PathParam("id") UUID id, OutcomeReport outcome);
}
