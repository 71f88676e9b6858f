package org.openucp.clinical.urgentcare.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import org.openucp.clinical.plan.PatientComment;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.model.plan.PlanContent;

/**
 * Crisis views as JSON, rendered once for each published version rather than on every lookup. Two fields depend on
 * the day of the lookup, whether the plan's review is overdue and whether the CPR decision's review date has passed:
 * they are rendered false and set as the view is served.
 */
@ApplicationScoped
public class CrisisViews {

  /**
   * The rendering that stored views have. Raise it whenever {@link CrisisView} changes: views of an older format are
   * rendered again by {@link CrisisViewRendering}, and until then on each lookup.
   */
  public static final short FORMAT = 4;

  private static final String NOT_OVERDUE = "\"reviewOverdue\":false";
  private static final String OVERDUE = "\"reviewOverdue\":true";
  private static final String CPR_CURRENT = "\"expired\":false";
  private static final String CPR_EXPIRED = "\"expired\":true";

  private final ObjectMapper json;
  private final PlanContentCodec codec;

  public CrisisViews(ObjectMapper json, PlanContentCodec codec) {
    this.json = json;
    this.codec = codec;
  }

  /** A view rendered from a version as stored, with the dates that decide how it stands on the day. */
  public record Rendered(String view, LocalDate plannedReviewDate, LocalDate cprReviewDate) {

    public String asOf(LocalDate today) {
      return CrisisViews.asOf(view, plannedReviewDate, cprReviewDate, today);
    }
  }

  /** The stored form of a published version's view, from the version as stored. */
  public Rendered render(String nhsNumber, PlanVersion version, List<CrisisView.Comment> comments) {
    PlanContent content = codec.read(version.content);
    return new Rendered(render(nhsNumber, version, content, comments), content.plannedReviewDate(),
        content.cpr() == null ? null : content.cpr().reviewDate());
  }

  /** The patient's comments as the view shows them. */
  public static List<CrisisView.Comment> comments(List<PatientComment> comments) {
    return comments.stream().map(comment -> new CrisisView.Comment(comment.text, comment.recordedAt)).toList();
  }

  /** The stored form of a published version's view. */
  public String render(String nhsNumber, PlanVersion version, PlanContent content,
      List<CrisisView.Comment> comments) {
    CrisisView view = CrisisView.of(nhsNumber, version, content, comments);
    try {
      String rendered = json.writeValueAsString(view);
      if (!rendered.contains(NOT_OVERDUE) || view.cpr() != null && !rendered.contains(CPR_CURRENT)) {
        throw new IllegalStateException("A rendered crisis view has no field to set on the day");
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

  /** A stored view as it stands on {@code today}, as {@link CrisisView#asOf} would render it. */
  public static String asOf(String rendered, LocalDate plannedReviewDate, LocalDate cprReviewDate, LocalDate today) {
    String served = CrisisView.isPast(cprReviewDate, today) ? set(rendered, CPR_CURRENT, CPR_EXPIRED) : rendered;
    return CrisisView.isPast(plannedReviewDate, today) ? set(served, NOT_OVERDUE, OVERDUE) : served;
  }

  /**
   * The first occurrence is the field itself: inside any text a quote is escaped, so no value can contain it, and
   * no other record of the view has a field of that name.
   */
  private static String set(String rendered, String stored, String today) {
    int at = rendered.indexOf(stored);
    return at < 0 ? rendered : rendered.substring(0, at) + today + rendered.substring(at + stored.length());
  }
}
