package org.openucp.clinical.audit;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same behaviour, proven against the packaged application (and, built elsewhere, the native binary). */
@QuarkusIntegrationTest
class AuditTrailIT extends AuditTrailTest {
}
