package org.openucp.clinical.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;

/**
 * Every operation of the clinical API is audited by the one mechanism, unless it is listed here as touching no
 * patient's data: a new operation cannot be added without either.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AuditCoverageTest {

  /** Operations that show or change no patient's data. */
  private static final Set<String> WITHOUT_PATIENT_DATA = Set.of("RecipientResource.listIntakeRecipients");

  @Test
  void shouldAuditEveryOperationThatTouchesPatientData() {
    List<String> resources = new ArrayList<>();
    List<String> unaudited = new ArrayList<>();
    for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      if (!type.isAnnotationPresent(Path.class) || !type.getPackageName().startsWith("org.openucp.clinical")) {
        continue;
      }
      resources.add(type.getSimpleName());
      for (Method method : type.getDeclaredMethods()) {
        boolean operation = method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
            || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class);
        String name = type.getSimpleName() + "." + method.getName();
        if (operation && !method.isAnnotationPresent(Audited.class) && !WITHOUT_PATIENT_DATA.contains(name)) {
          unaudited.add(name);
        }
      }
    }
    assertThat(resources).contains("PlanResource", "CareTeamResource", "PatientAccessResource", "AuditResource");
    assertThat(unaudited).isEmpty();
  }
}
