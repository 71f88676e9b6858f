package org.openucp.web.lifecycle;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes and container runtimes ask a service to stop. The service stops gracefully either way,
 * but the JVM reports a stop by signal as exit code 143, as if it had been killed; this ends a requested stop with
 * exit code 0, after the same graceful shutdown, so that a non-zero exit means something went wrong. Only in a
 * packaged service: tests run the service inside their own JVM.
 */
@ApplicationScoped
public class CleanExitOnTerm {

  void onStart(@Observes StartupEvent event) {
    if (LaunchMode.current() == LaunchMode.NORMAL) {
      Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
    }
  }
}
