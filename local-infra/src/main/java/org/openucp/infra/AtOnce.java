package org.openucp.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task on several threads released together, as instances starting at the same moment would run it. */
public final class AtOnce {

  private AtOnce() {
  }

  /** Runs {@code task} on {@code threads} threads at once, {@code rounds} times; rethrows the first failure. */
  public static void run(int threads, int rounds, Runnable task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> runs = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
          runs.add(pool.submit(() -> {
            start.await();
            task.run();
            return null;
          }));
        }
        for (Future<?> run : runs) {
          run.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
