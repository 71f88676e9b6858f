package org.openucp.clinical.urgentcare.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.model.plan.PlanContent;

/**
 * Crisis views as JSON, rendered once for each published version rather than on every lookup. Only one field depends
 * on the day of the lookup, whether the review is overdue: it is rendered false and set as the view is served.
 */
@ApplicationScoped
public class CrisisViews {

  /**
   * The rendering that stored views have. Raise it whenever {@link CrisisView} changes: views of an older format are
   * rendered again by {@link CrisisViewRendering}, and until then on each lookup.
   */
  public static final short FORMAT = 1;

  private static final String NOT_OVERDUE = "\"reviewOverdue\":false";
  private static final String OVERDUE = "\"reviewOverdue\":true";

  private final ObjectMapper json;
  private final PlanContentCodec codec;

  public CrisisViews(ObjectMapper json, PlanContentCodec codec) {
    this.json = json;
    this.codec = codec;
  }

  /** The stored form of a published version's view, from the version as stored. */
  public String render(String nhsNumber, PlanVersion version) {
    return render(nhsNumber, version, codec.read(version.content));
  }

  /** The stored form of a published version's view. */
  public String render(String nhsNumber, PlanVersion version, PlanContent content) {
    CrisisView view = CrisisView.of(nhsNumber, version, content);
    try {
      String rendered = json.writeValueAsString(view);
      if (!rendered.contains(NOT_OVERDUE)) {
        throw new IllegalStateException("A rendered crisis view has no " + NOT_OVERDUE + " to set on the day");
      }
      return rendered;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A crisis view could not be written as JSON", e);
    }
  }

  /** Whether the entry's stored view can be served as it is. */
  public static boolean isCurrent(PublishedPlan entry) {
    return entry.crisisView != null && entry.crisisViewFormat != null && entry.crisisViewFormat == FORMAT;
  }

  /** A stored view as it stands on {@code today}. */
  public static String asOf(String rendered, LocalDate plannedReviewDate, LocalDate today) {
    if (plannedReviewDate == null || !plannedReviewDate.isBefore(today)) {
      return rendered;
    }
    // The first occurrence is the banner's field: inside any text a quote is escaped, so no value can contain it.
    int at = rendered.indexOf(NOT_OVERDUE);
    return rendered.substring(0, at) + OVERDUE + rendered.substring(at + NOT_OVERDUE.length());
  }
}
