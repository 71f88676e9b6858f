package org.openucp.clinical.consent;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same behaviour, proven against the packaged application (and, built elsewhere, the native binary). */
@QuarkusIntegrationTest
class ConsentWithdrawalIT extends ConsentWithdrawalTest {
}
