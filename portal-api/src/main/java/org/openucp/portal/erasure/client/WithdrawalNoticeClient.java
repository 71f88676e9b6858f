package org.openucp.portal.erasure.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openucp.model.api.ApiVersion;
import org.openucp.web.paging.Page;

/** The clinical API's notices of withdrawals whose portal records are still to be erased, read as the portal. */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path(ApiVersion.PATH + "/withdrawal-notices")
public interface WithdrawalNoticeClient {

  /** A patient whose consent was withdrawn. */
  record Notice(UUID id, String nhsNumber, Instant withdrawnAt) {
  }

  @GET
  Uni<Page<Notice>> pending(@QueryParam("limit") int limit);

  @DELETE
  @Path("/{id}")
  Uni<Void> acknowledge(@PathParam("id") UUID id);
}
