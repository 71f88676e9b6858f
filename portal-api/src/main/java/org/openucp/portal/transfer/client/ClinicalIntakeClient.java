package org.openucp.portal.transfer.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openucp.model.api.ApiVersion;
import org.openucp.model.intake.IntakeReceipt;
import org.openucp.model.intake.SubmittedDraft;

/** The clinical API's intake, called as the portal service with a client-credentials token. */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path(ApiVersion.PATH + "/intake/submitted-drafts")
public interface ClinicalIntakeClient {

  @POST
  Uni<IntakeReceipt> deliver(@HeaderParam("Idempotency-Key") String idempotencyKey,
      @HeaderParam("traceparent") String traceParent, SubmittedDraft draft);
}
