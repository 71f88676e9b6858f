package org.openucp.clinical.plan.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.plan.service.AttachmentService;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;

@Path("/plans/{nhsNumber}/attachments")
@RolesAllowed(Roles.STAFF)
@Tag(name = "Attachments", description = "Documents attached to a plan, such as a signed ADRT")
@SecurityRequirement(name = "cis2")
public class AttachmentResource {

  /** Sent by the uploader to name the file, e.g. {@code adrt-2026-11.pdf}. */
  static final String FILE_NAME_HEADER = "X-File-Name";

  private final AttachmentService attachments;

  public AttachmentResource(AttachmentService attachments) {
    this.attachments = attachments;
  }

  /** The receipt for an upload: refer to the document by its id, e.g. in the ADRT's attachmentId. */
  public record AttachmentReceipt(UUID id, String mediaType, String fileName, int size, Instant uploadedAt) {
  }

  @POST
  @Consumes({"application/pdf", "image/jpeg", "image/png"})
  @Produces(MediaType.APPLICATION_JSON)
  @Audited("plan.attachment.add")
  @Operation(summary = "Attach a document (PDF, JPEG or PNG, at most 5 MB); send the file name in X-File-Name")
  @APIResponse(responseCode = "201", description = "Attached",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = AttachmentReceipt.class)))
  @APIResponse(responseCode = "400",
      description = "Empty, or X-File-Name over 200 characters or with control characters")
  @APIResponse(responseCode = "413", description = "Larger than 5 MB")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "415", description = "Not a PDF, JPEG or PNG, or the content is not what its type says")
  public Uni<Response> attachDocument(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(FILE_NAME_HEADER) @Size(max = 200) @Pattern(regexp = "\\P{Cc}*",
          message = "must not contain control characters") String fileName,
      byte[] content, UriInfo uri) {
    String mediaType = contentType == null ? null : contentType.split(";")[0].strip();
    return attachments.attach(nhsNumber, mediaType, fileName, content).map(saved -> Response
        .created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
        .type(MediaType.APPLICATION_JSON)
        .entity(new AttachmentReceipt(saved.id, saved.mediaType, saved.fileName, saved.content.length,
            saved.uploadedAt))
        .build());
  }

  @GET
  @Path("/{id}")
  @Produces({"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_JSON})
  @Audited("plan.attachment.read")
  @Operation(summary = "Read an attached document (as a download)")
  @APIResponse(responseCode = "200", description = "The document, as a download", content = {
      @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
      @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
      @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  @APIResponse(responseCode = "404", description = "No such document on this plan")
  public Uni<Response> readAttachment(@PathParam("nhsNumber") NhsNumber nhsNumber, @PathParam("id") UUID id) {
    return attachments.read(nhsNumber, id).map(found -> Response.ok(found.content, found.mediaType)
        .header("Content-Disposition", "attachment; filename=\"" + downloadName(found.fileName, found.id) + "\"")
        .build());
  }

  /** The uploader's name reduced to characters that cannot end the header value or name a path. */
  private static String downloadName(String fileName, UUID id) {
    String safe = fileName == null ? "" : fileName.replaceAll("[^A-Za-z0-9._ ()-]", "_").replaceAll("^[._ ]+", "");
    return safe.isEmpty() ? id.toString() : safe;
  }
}
