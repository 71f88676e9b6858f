package org.openucp.clinical.flag.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.flag.FlagChange;
import org.openucp.clinical.flag.FlagEvent;
import org.openucp.clinical.flag.service.FlagFeed;
import org.openucp.clinical.security.Roles;
import org.openucp.web.paging.PageLinks;

@Path("/urgent-care/flags")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FLAG_READER)
@Tag(name = "Flag feed", description = "For urgent-care systems: which patients have a published plan")
@SecurityRequirement(name = "cis2")
public class FlagFeedResource {

  private final FlagFeed feed;

  public FlagFeedResource(FlagFeed feed) {
    this.feed = feed;
  }

  /** One change; keep {@code cursor} of the last one you processed and ask for what comes after it. */
  public record FlagView(long cursor, FlagChange change, String nhsNumber, String givenName, String familyName,
      LocalDate dateOfBirth, String address, String postcode, Instant occurredAt) {

    static FlagView of(FlagEvent event) {
      return new FlagView(event.seq, event.change, event.nhsNumber, event.givenName, event.familyName,
          event.dateOfBirth, event.address, event.postcode, event.occurredAt);
    }
  }

  /**
   * A page of the feed in the lists' shape (README, "Lists"), with no total: {@code nextCursor} and
   * {@code links.next} ask for what comes after the last change returned, so a consumer that keeps them sees every
   * change once; an empty page means up to date.
   */
  public record FlagPage(@Schema(required = true) List<FlagView> items, @Schema(required = true) long nextCursor,
      @Schema(required = true) PageLinks links) {
  }

  @GET
  @Audited("flags.read")
  @Operation(summary = "Changes after the cursor, in order: patients whose plan was added, changed or removed")
  @APIResponse(responseCode = "200", description = "A page of changes; empty when you are up to date")
  @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
  public Uni<FlagPage> readFlagFeed(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit, UriInfo request) {
    return feed.after(after, limit).map(events -> {
      long next = events.isEmpty() ? after : events.get(events.size() - 1).seq;
      return new FlagPage(events.stream().map(FlagView::of).toList(), next, PageLinks.after(request, next));
    });
  }
}
