package dev.staticnet.benchmarks.compare;

import java.lang.management.ManagementFactory;

/**
 * Times a step after a warm-up: runs it for {@code warmupSeconds} and at least {@code warmupCalls} times
 * (C2 compiles the Vector API kernels only after a few hundred calls; libtorch warms its thread pool and
 * caches), then {@code measureSeconds} more, in rounds; reports the best round's time per step (the least disturbed
 * by other jobs on a shared machine) and the heap bytes the calling thread allocated per step,
 * from {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} (Java heap only: libtorch's native
 * allocations and the StaticNet worker threads' are not counted).
 */
public record Measurement(double secondsPerStep, double bytesPerStep, long steps) {
  private static final int ROUNDS = 5;

  /** One unit of work (a training step, a GEMM, an inference). */
  @FunctionalInterface
  public interface Step {
    void run();
  }

  /** Measures {@code step}; see the class comment. */
  public static Measurement of(Step step, double warmupSeconds, long warmupCalls, double measureSeconds) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long calls = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < warmupEnd || calls < warmupCalls) {
      step.run();
      calls++;
    }
    double perCall = (System.nanoTime() - t0) / 1e9 / Math.max(1, calls);
    long perRound = Math.max(1, (long) (measureSeconds / ROUNDS / perCall));
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int r = 0; r < ROUNDS; r++) {
      long a0 = mx.getThreadAllocatedBytes(thread);
      long start = System.nanoTime();
      for (long i = 0; i < perRound; i++) {
        step.run();
      }
      long elapsed = System.nanoTime() - start;
      bytes += mx.getThreadAllocatedBytes(thread) - a0;
      best = Math.min(best, elapsed / 1e9 / perRound);
    }
    return new Measurement(best, (double) bytes / (perRound * ROUNDS), perRound * ROUNDS);
  }
}
