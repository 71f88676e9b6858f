package org.openucp.model.api;

/**
 * The major version of both APIs: the first segment of every application path (quarkus.http.root-path). A client of
 * another Open UCP service names the version it was written against with it.
 */
public final class ApiVersion {

  public static final String PATH = "/v1";

  private ApiVersion() {
  }
}
