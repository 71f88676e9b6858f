package org.openucp.clinical.nrl.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.fhir.FhirSchemas;
import org.openucp.clinical.nrl.service.NrlPointers;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;

@Path("/urgent-care/document-references")
// The first type is what a client that accepts anything (*/*) gets: FHIR clients expect application/fhir+json.
@Produces({"application/fhir+json", "application/json"})
@RolesAllowed({Roles.STAFF, Roles.FLAG_READER})
@Tag(name = "NRL pointers", description = "FHIR R4 DocumentReference pointers to published plans")
@SecurityRequirement(name = "cis2")
public class DocumentReferenceResource {

  private final NrlPointers pointers;

  public DocumentReferenceResource(NrlPointers pointers) {
    this.pointers = pointers;
  }

  @GET
  @Audited("nrl.search")
  @Operation(summary = "The current pointer to a patient's published plan, as a FHIR searchset Bundle")
  @APIResponse(responseCode = "200", description = "A Bundle with the current DocumentReference, or none", content = {
      @Content(mediaType = "application/fhir+json", schema = @Schema(implementation = FhirSchemas.Bundle.class)),
      @Content(mediaType = "application/json", schema = @Schema(implementation = FhirSchemas.Bundle.class))})
  @APIResponse(responseCode = "400", description = "Missing or invalid NHS number")
  public Uni<Map<String, Object>> searchDocumentReferences(@QueryParam("subject") @NotNull NhsNumber subject,
      UriInfo uri) {
    return pointers.forPatient(subject).map(found -> DocumentReferences.bundle(found, base(uri)));
  }

  @GET
  @Path("/{id}")
  @Audited("nrl.read")
  @Operation(summary = "One pointer, current or superseded, at the address its search entry's fullUrl gives")
  @APIResponse(responseCode = "200", description = "The DocumentReference", content = {
      @Content(mediaType = "application/fhir+json",
          schema = @Schema(implementation = FhirSchemas.DocumentReference.class)),
      @Content(mediaType = "application/json",
          schema = @Schema(implementation = FhirSchemas.DocumentReference.class))})
  @APIResponse(responseCode = "400", description = "Not a pointer id")
  @APIResponse(responseCode = "404", description = "No such pointer (or it was removed when consent was withdrawn)")
  public Uni<Map<String, Object>> readDocumentReference(@PathParam("id") UUID id, UriInfo uri) {
    return pointers.one(id).map(found -> DocumentReferences.resource(found, base(uri)));
  }

  private static String base(UriInfo uri) {
    return uri.getBaseUri().toString().replaceAll("/$", "");
  }
}
