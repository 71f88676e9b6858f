package org.openucp.web.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start while a setting that has no safe default is unset (where the database, the issuers and the other
 * service are, and the keys), naming every missing one with its environment variable. Without it a forgotten URL
 * shows up later as refused sign-ins or undelivered drafts, or as a default that quietly points at localhost.
 */
@Startup
@ApplicationScoped
public class RequiredSettings {

  public RequiredSettings(Config config, @ConfigProperty(name = "openucp.required-settings") List<String> required) {
    List<String> missing = required.stream()
        .filter(name -> config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isEmpty())
        .map(name -> name + " (" + environmentVariable(name) + ")")
        .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Not started: these settings have no default and must be set: "
          + String.join(", ", missing));
    }
  }

  /** The environment variable that sets a property, by MicroProfile Config's rule. */
  static String environmentVariable(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
