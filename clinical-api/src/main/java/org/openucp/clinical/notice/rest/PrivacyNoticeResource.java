package org.openucp.clinical.notice.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.service.PrivacyNotices;
import org.openucp.clinical.security.Roles;
import org.openucp.web.paging.Page;

@Path("/privacy-notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.STAFF, Roles.PATIENT_ACCESS})
@Tag(name = "Privacy notices", description = "The privacy notice in versions, with the purposes consent is given for")
@SecurityRequirement(name = "cis2")
public class PrivacyNoticeResource {

  private final PrivacyNotices notices;

  public PrivacyNoticeResource(PrivacyNotices notices) {
    this.notices = notices;
  }

  /** A purpose of processing: a short code that stays the same across versions, and what it means. */
  public record PurposeRequest(
      @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9.-]*",
          message = "lower-case letters, digits, dots and hyphens, starting with a letter or digit") String code,
      @NotBlank @Size(max = 2000) String description) {
  }

  /** A new version of the notice: its text or where it is published (or both), its purposes, when it applies. */
  public record NewNotice(@NotBlank @Size(max = 50) String version, @Size(max = 100_000) String text,
      @Size(max = 2000) String url, @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid PurposeRequest> purposes,
      @NotNull Instant effectiveFrom) {
  }

  public record PurposeView(String code, String description) {
  }

  /** A published notice. {@code reconsentDueAt}: by when consent given under an earlier one must be given again. */
  public record NoticeView(UUID id, String version, String text, String url, List<PurposeView> purposes,
      Instant effectiveFrom, Instant publishedAt, boolean reconsentRequired, Instant reconsentDueAt) {

    static NoticeView of(PrivacyNotice notice) {
      return new NoticeView(notice.id, notice.version, notice.text, notice.url,
          notice.purposes.stream().map(p -> new PurposeView(p.code(), p.description())).toList(),
          notice.effectiveFrom, notice.publishedAt, notice.reconsentRequired, notice.reconsentDueAt);
    }
  }

  /** What publishing did: the notice, how its purposes differ from the one before, how many consents now wait. */
  @Schema(name = "PrivacyNoticePublication")
  public record PublicationView(NoticeView notice, List<String> addedPurposes, List<String> changedPurposes,
      List<String> removedPurposes, long consentsToRenew) {

    static PublicationView of(PrivacyNotices.Publication publication) {
      return new PublicationView(NoticeView.of(publication.notice()), publication.changes().added(),
          publication.changes().changed(), publication.changes().removed(), publication.consentsFlagged());
    }
  }

  @POST
  @RolesAllowed(Roles.STAFF)
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("privacy-notice.publish")
  @Operation(summary = "Publish a new version of the privacy notice (information governance); when purposes are "
      + "added or changed, every consent given under an earlier version must be given again")
  @APIResponse(responseCode = "201", description = "Published; Location names it",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = PublicationView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named")
  @APIResponse(responseCode = "403", description = "Not the operator's information governance team")
  @APIResponse(responseCode = "409", description = "That version is already published")
  @APIResponse(responseCode = "422", description = "Neither text nor url, a purpose code twice, a bad url, or "
      + "effective before the notice it follows")
  public Uni<Response> publishPrivacyNotice(@NotNull @Valid NewNotice request, UriInfo uri) {
    return notices.publish(new PrivacyNotices.NewNotice(request.version(), request.text(), request.url(),
            request.purposes().stream()
                .map(p -> new PrivacyNotice.Purpose(p.code(), p.description().strip())).toList(),
            request.effectiveFrom()))
        .map(published -> Response.created(uri.getAbsolutePathBuilder()
                .path(published.notice().id.toString()).build())
            .entity(PublicationView.of(published)).build());
  }

  @GET
  @Audited("privacy-notice.list")
  @Operation(summary = "Every published version of the privacy notice, oldest first (staff, and the portal)")
  @APIResponse(responseCode = "200", description = "The notices")
  public Uni<Page<NoticeView>> listPrivacyNotices(UriInfo request) {
    return notices.all().map(found -> Page.complete(found.stream().map(NoticeView::of).toList(), request));
  }

  @GET
  @Path("/current")
  @Audited("privacy-notice.current")
  @Operation(summary = "The version consent is given under now: the newest published (staff, and the portal)")
  @APIResponse(responseCode = "200", description = "The current notice")
  public Uni<NoticeView> readCurrentPrivacyNotice() {
    return notices.current().map(NoticeView::of);
  }

  @GET
  @Path("/{id}")
  @Audited("privacy-notice.read")
  @Operation(summary = "One version of the privacy notice (staff, and the portal)")
  @APIResponse(responseCode = "200", description = "The notice")
  @APIResponse(responseCode = "404", description = "No such notice")
  public Uni<NoticeView> readPrivacyNotice(@PathParam("id") UUID id) {
    return notices.get(id).map(NoticeView::of);
  }
}
