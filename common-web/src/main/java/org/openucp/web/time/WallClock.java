package org.openucp.web.time;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The real time, which tests never move. The audit trail stamps and seals by it: its sealer waits for events to
 * settle by their time, so an event stamped by a clock a test had moved ahead would hold back every later seal.
 * Everything else (deadlines, review dates, retention) takes the plain {@link java.time.Clock}, which tests may move.
 */
@Qualifier
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface WallClock {
}
