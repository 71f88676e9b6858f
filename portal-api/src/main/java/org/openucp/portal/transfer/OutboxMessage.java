package org.openucp.portal.transfer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A submitted draft still to be delivered to the clinical intake. */
@Entity
@Table(name = "draft_outbox")
public class OutboxMessage extends PanacheEntityBase {

  @Id
  @Column(name = "draft_id")
  public UUID draftId;
  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;
  @Column(nullable = false)
  public int attempts;
  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;
  /** While in the future, one relay is delivering this draft; after it, any relay may try again. */
  @Column(name = "claimed_until")
  public Instant claimedUntil;
  @Column(name = "last_error")
  public String lastError;
  /** The submission's W3C trace context, continued by the delivery (null when tracing was off). */
  @Column(name = "trace_parent", updatable = false)
  public String traceParent;
}
