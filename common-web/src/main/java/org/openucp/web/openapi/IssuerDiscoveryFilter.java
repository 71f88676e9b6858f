package org.openucp.web.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Points the document's OpenID Connect scheme at the discovery document of the issuer this service really trusts
 * ({@code quarkus.oidc.auth-server-url}), known only when it starts, so that Swagger UI and generated clients sign in
 * there; the document stored at build time keeps the local issuer's.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class IssuerDiscoveryFilter implements OASFilter {

  static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    String issuer = ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
        .orElse(null);
    if (issuer == null || openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
      return;
    }
    String discovery = issuer.replaceAll("/+$", "") + DISCOVERY_PATH;
    openAPI.getComponents().getSecuritySchemes().values().stream()
        .filter(scheme -> scheme.getType() == SecurityScheme.Type.OPENIDCONNECT)
        .forEach(scheme -> scheme.setOpenIdConnectUrl(discovery));
  }
}
