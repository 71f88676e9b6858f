package org.openucp.clinical.retention.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.openucp.clinical.retention.PatientDeath;

@ApplicationScoped
public class PatientDeathRepository implements PanacheRepositoryBase<PatientDeath, String> {
}
