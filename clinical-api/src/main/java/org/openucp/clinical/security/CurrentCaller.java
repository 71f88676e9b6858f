package org.openucp.clinical.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The verified caller of the current request. */
@RequestScoped
public class CurrentCaller {

  private final SecurityIdentity identity;
  private final CurrentIdentityAssociation association;

  public CurrentCaller(SecurityIdentity identity, CurrentIdentityAssociation association) {
    this.identity = identity;
    this.association = association;
  }

  /** The caller of a request that has passed authentication. */
  public Caller get() {
    Caller caller = identity.getAttribute(CallerAugmentor.CALLER_ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("No authenticated caller in this request");
    }
    return caller;
  }

  /** The caller if authentication succeeded, without blocking; empty for anonymous or refused requests. */
  public Uni<Optional<Caller>> find() {
    return association.getDeferredIdentity()
        .map(resolved -> Optional.ofNullable(resolved.<Caller>getAttribute(CallerAugmentor.CALLER_ATTRIBUTE)))
        .onFailure().recoverWithItem(Optional.empty());
  }
}
