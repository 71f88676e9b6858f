package org.openucp.portal.draft.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.portal.draft.client.RecipientClient.Recipient;
import org.openucp.portal.draft.service.Recipients;
import org.openucp.portal.security.PatientAugmentor;
import org.openucp.web.paging.Page;

@Path("/care-teams")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PatientAugmentor.PATIENT_ROLE)
@Tag(name = "Drafts")
@SecurityRequirement(name = "nhslogin")
public class RecipientResource {

  private final Recipients recipients;

  public RecipientResource(Recipients recipients) {
    this.recipients = recipients;
  }

  @GET
  @Operation(summary = "The GP practices and care teams I can send my draft to (set its organisation to one)")
  @APIResponse(responseCode = "200", description = "Organisations, by name")
  @APIResponse(responseCode = "503", description = "The list cannot be reached just now")
  public Uni<Page<Recipient>> listCareTeams(UriInfo request) {
    return recipients.all().map(found -> Page.complete(found, request));
  }
}
