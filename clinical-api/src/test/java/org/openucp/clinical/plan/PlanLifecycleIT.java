package org.openucp.clinical.plan;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same behaviour, proven against the packaged application (and, built elsewhere, the native binary). */
@QuarkusIntegrationTest
class PlanLifecycleIT extends PlanLifecycleTest {
}
