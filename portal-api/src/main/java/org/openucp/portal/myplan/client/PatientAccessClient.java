package org.openucp.portal.myplan.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The clinical API's patient access, called as the portal service on behalf of a patient or verified proxy. */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path("/patient-access/{nhsNumber}")
public interface PatientAccessClient {

  @GET
  @Path("/plan")
  Uni<JsonNode> plan(@PathParam("nhsNumber") String nhsNumber, @HeaderParam("X-Viewer-Kind") String viewerKind,
      @HeaderParam("X-Viewer") String viewer);

  @GET
  @Path("/status")
  Uni<JsonNode> status(@PathParam("nhsNumber") String nhsNumber);

  @GET
  @Path("/access-log")
  Uni<JsonNode> accessLog(@PathParam("nhsNumber") String nhsNumber, @HeaderParam("X-Viewer-Kind") String viewerKind,
      @HeaderParam("X-Viewer") String viewer);

  @POST
  @Path("/consent-withdrawal")
  Uni<JsonNode> withdraw(@PathParam("nhsNumber") String nhsNumber, @HeaderParam("X-Viewer") String viewer,
      Map<String, Object> request);
}
