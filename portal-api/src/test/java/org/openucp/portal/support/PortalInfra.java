package org.openucp.portal.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.HashMap;
import java.util.Map;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfraTestResource;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.ServiceConfig;

/** The portal's real PostgreSQL database, the issuers, a recording clinical intake and a real SMTP server. */
public class PortalInfra extends LocalInfraTestResource {

  private StubClinicalIntake intake;
  private GreenMail mail;

  @Override
  protected String databaseName() {
    return "portal";
  }

  @Override
  protected Map<String, String> configFor(EmbeddedDatabase database, LocalIssuer issuer) {
    intake = StubClinicalIntake.start();
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    Map<String, String> config = new HashMap<>(ServiceConfig.portal(database, issuer, intake.url()));
    // The tests drive the relay and the jobs themselves, also when they run against the packaged jar (*IT).
    config.put("portal.transfer.relay-on-submit", "false");
    config.put("portal.transfer.interval", "off");
    config.put("portal.withdrawals.interval", "off");
    config.put("portal.drafts.housekeeping-interval", "off");
    config.put("quarkus.mailer.mock", "false");
    config.put("quarkus.mailer.host", "127.0.0.1");
    config.put("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()));
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    super.inject(testInjector);
    testInjector.injectIntoFields(intake, new TestInjector.MatchesType(StubClinicalIntake.class));
    testInjector.injectIntoFields(mail, new TestInjector.MatchesType(GreenMail.class));
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (intake != null) {
      intake.close();
    }
    if (mail != null) {
      mail.stop();
    }
    super.stop();
  }
}
