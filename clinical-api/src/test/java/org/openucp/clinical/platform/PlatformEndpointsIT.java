package org.openucp.clinical.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same behaviour, proven against the packaged application (and, built elsewhere, the native binary). */
@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {

  /** The packaged application runs with production defaults here: Swagger UI stays off. */
  @Override
  int swaggerUiStatus() {
    return 404;
  }
}
