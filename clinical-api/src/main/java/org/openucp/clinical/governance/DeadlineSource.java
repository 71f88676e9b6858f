package org.openucp.clinical.governance;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/** A kind of case that runs on deadlines: each one lists its open deadlines due before a time, overdue ones too. */
public interface DeadlineSource {

  /** Open deadlines due before {@code until}, from the caller's session; {@code now} decides which are overdue. */
  Uni<List<Deadline>> dueBefore(Instant until, Instant now);
}
