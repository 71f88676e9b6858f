package org.openucp.portal.draft.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openucp.model.api.ApiVersion;
import org.openucp.web.paging.Page;

/** The clinical API's list of organisations that receive patients' submissions, read as the portal service. */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path(ApiVersion.PATH + "/intake/recipients")
public interface RecipientClient {

  /** An organisation a patient can send their draft to. */
  record Recipient(String odsCode, String name, String type) {
  }

  @GET
  Uni<Page<Recipient>> recipients();
}
