package org.openucp.portal.myplan.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openucp.model.api.ApiVersion;
import org.openucp.web.paging.Page;

/**
 * The clinical API's patient access, called as the portal service with the person's own NHS login token (and, for a
 * proxy, the portal's signed assertion), which the clinical API verifies itself.
 */
@RegisterRestClient(configKey = "clinical-intake")
@OidcClientFilter
@Path(ApiVersion.PATH + "/patient-access/{nhsNumber}")
public interface PatientAccessClient {

  String PATIENT_TOKEN = "X-Patient-Token";
  String PROXY_ASSERTION = "X-Proxy-Assertion";

  @GET
  @Path("/plan")
  Uni<JsonNode> plan(@PathParam("nhsNumber") String nhsNumber, @HeaderParam(PATIENT_TOKEN) String patientToken,
      @HeaderParam(PROXY_ASSERTION) String proxyAssertion);

  @GET
  @Path("/status")
  Uni<JsonNode> status(@PathParam("nhsNumber") String nhsNumber, @HeaderParam(PATIENT_TOKEN) String patientToken);

  @GET
  @Path("/access-log")
  Uni<Page<ClinicalViews.Access>> accessLog(@PathParam("nhsNumber") String nhsNumber,
      @HeaderParam(PATIENT_TOKEN) String patientToken, @QueryParam("page") int page, @QueryParam("size") int size);

  @POST
  @Path("/rights-requests")
  Uni<JsonNode> raiseRightsRequest(@PathParam("nhsNumber") String nhsNumber,
      @HeaderParam(PATIENT_TOKEN) String patientToken, Map<String, Object> request);

  @GET
  @Path("/rights-requests")
  Uni<Page<ClinicalViews.PatientRightsRequestView>> rightsRequests(@PathParam("nhsNumber") String nhsNumber,
      @HeaderParam(PATIENT_TOKEN) String patientToken);

  @POST
  @Path("/consent-withdrawal")
  Uni<JsonNode> withdraw(@PathParam("nhsNumber") String nhsNumber, @HeaderParam(PATIENT_TOKEN) String patientToken,
      Map<String, Object> request);
}
