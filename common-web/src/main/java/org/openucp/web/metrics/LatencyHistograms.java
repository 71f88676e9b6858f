package org.openucp.web.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Latency histograms for HTTP requests served and made, so that Prometheus can compute any percentile across
 * replicas (a percentile computed in each replica cannot be averaged).
 */
@Singleton
public class LatencyHistograms {

  @Produces
  @Singleton
  MeterFilter httpLatencyHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().startsWith("http.server.requests") || id.getName().startsWith("http.client.requests")) {
          return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
      }
    };
  }
}
