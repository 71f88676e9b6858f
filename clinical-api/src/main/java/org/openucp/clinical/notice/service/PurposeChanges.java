package org.openucp.clinical.notice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openucp.clinical.notice.PrivacyNotice.Purpose;

/**
 * How a notice's purposes differ from those of the notice before it, by code. Consent covers the purposes it was
 * given for: a purpose added, or one whose description now says something else, is a use the patient has not agreed
 * to, so their consent is needed again. A purpose removed only narrows what they agreed to: the new notice tells them
 * (transparency), but no new consent is needed for doing less.
 */
public record PurposeChanges(List<String> added, List<String> changed, List<String> removed) {

  public static PurposeChanges between(List<Purpose> before, List<Purpose> after) {
    Map<String, String> previous = new LinkedHashMap<>();
    before.forEach(purpose -> previous.put(purpose.code(), normalised(purpose.description())));
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Purpose purpose : after) {
      String was = previous.get(purpose.code());
      if (was == null) {
        added.add(purpose.code());
      } else {
        kept.add(purpose.code());
        if (!Objects.equals(was, normalised(purpose.description()))) {
          changed.add(purpose.code());
        }
      }
    }
    List<String> removed = previous.keySet().stream().filter(code -> !kept.contains(code)).toList();
    return new PurposeChanges(List.copyOf(added), List.copyOf(changed), removed);
  }

  /** Whether consent given under the earlier notice must be given again. */
  public boolean needReconsent() {
    return !added.isEmpty() || !changed.isEmpty();
  }

  /** Spacing and line breaks are layout, not meaning. */
  private static String normalised(String description) {
    return description == null ? "" : description.strip().replaceAll("\\s+", " ");
  }
}
