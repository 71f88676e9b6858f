package org.openucp.portal.draft.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The clinical API's list of organisations that receive patients' submissions, read as the portal service. */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path("/intake/recipients")
public interface RecipientClient {

  /** An organisation a patient can send their draft to. */
  record Recipient(String odsCode, String name, String type) {
  }

  @GET
  Uni<List<Recipient>> recipients();
}
