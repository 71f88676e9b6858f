package org.openucp.clinical.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose every call, allowed or not, is recorded in the audit trail by {@link AuditFilter}.
 * The patient comes from the {@code nhsNumber} path parameter or from {@link AuditContext}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

  /** What was done, e.g. {@code plan.publish}. */
  String value();
}
