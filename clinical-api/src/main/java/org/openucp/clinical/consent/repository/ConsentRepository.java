package org.openucp.clinical.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.openucp.clinical.consent.Consent;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {
}
