package org.openucp.clinical.intake.rest;

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
import org.openucp.clinical.intake.service.IntakeService;
import org.openucp.clinical.organisation.OrganisationType;
import org.openucp.clinical.security.Roles;
import org.openucp.web.paging.Page;

@Path("/intake/recipients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake")
@SecurityRequirement(name = "cis2")
public class RecipientResource {

  private final IntakeService intake;

  public RecipientResource(IntakeService intake) {
    this.intake = intake;
  }

  /** An organisation a patient can send their submission to. */
  public record Recipient(String odsCode, String name, OrganisationType type) {
  }

  @GET
  @RolesAllowed({Roles.DRAFT_INTAKE, Roles.STAFF})
  @Operation(summary = "The GP practices and care teams that receive patients' submissions, by name")
  @APIResponse(responseCode = "200", description = "Organisations whose sharing agreement is in force")
  public Uni<Page<Recipient>> listIntakeRecipients(UriInfo request) {
    return intake.recipients().map(found -> Page.complete(found.stream()
        .map(organisation -> new Recipient(organisation.odsCode, organisation.name, organisation.type)).toList(),
        request));
  }
}
