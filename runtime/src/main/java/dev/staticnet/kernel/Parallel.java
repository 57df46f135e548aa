package dev.staticnet.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits one kernel call over persistent daemon worker threads.
 *
 * <p>Handing work to an {@code ExecutorService} costs about 80 µs per call on the target machine —
 * more than a 256² GEMM — so the workers here spin briefly on the job sequence number after each job
 * and only then park. The caller and the workers claim parts from a shared counter, so a worker
 * that is slow to wake costs nothing: the caller takes its parts. The workers serve one caller at a
 * time: when another application thread already holds them (for example several threads calling
 * {@code predict}), or when a task itself calls {@link #run}, the caller simply runs every part
 * itself. Results therefore never depend on whether the workers were free, provided a task's
 * parts compute disjoint outputs.
 *
 * <p>Thread count: system property {@code staticnet.threads}, default the number of available
 * processors (at most {@value #MAX_DEFAULT_THREADS}).
 */
public final class Parallel {
  /** One part of a split job; parts must write disjoint outputs. */
  @FunctionalInterface
  public interface Task {
    /** Runs part {@code part} of {@code parts} (0-based). */
    void run(int part, int parts);
  }

  static final int MAX_DEFAULT_THREADS = 16;
  /** How long an idle worker keeps spinning before it parks. */
  private static final long SPIN_NANOS = 100_000;

  private static final int THREADS = threadCount();

  private Parallel() {}

  /** Threads a job may be split over (the caller included); 1 means everything runs on the caller. */
  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code task} as {@code parts} parts, shared between the calling thread and the workers
   * when they are free (whoever claims a part first runs it; more parts than threads balance the
   * load when a core is busy elsewhere); otherwise all parts run on the caller, in order. Returns
   * when every part has finished; an exception thrown by a part is rethrown here.
   */
  public static void run(int parts, Task task) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1, got " + parts);
    }
    if (parts == 1 || THREADS == 1 || !Pool.INSTANCE.tryRun(parts, task)) {
      for (int p = 0; p < parts; p++) {
        task.run(p, parts);
      }
    }
  }

  private static int threadCount() {
    String property = System.getProperty("staticnet.threads");
    if (property != null) {
      try {
        int n = Integer.parseInt(property.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "staticnet.threads must be a positive integer, got '" + property + "'");
    }
    return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * The worker threads, created on first parallel use.
   *
   * <p>A job is published without allocating: the holder of {@code busy} writes {@code task}, then
   * publishes the packed word {@code claim = generation << 32 | parts << 16 | next part}. Parts are
   * claimed by compare-and-set on that word, so a claim succeeds only while its job is the current
   * one and unfinished — and then the holder cannot have moved on, so the {@code task} read after
   * the claim is that job's task (it was written before the volatile publish).
   */
  private static final class Pool {
    static final Pool INSTANCE = new Pool(THREADS - 1);
    private static final int MAX_PARTS = 0xFFFF;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** generation (high 32 bits) | parts (16 bits) | next unclaimed part (16 bits). */
    private final AtomicLong claim = new AtomicLong();
    /** Parts of the current job not yet finished. */
    private final AtomicInteger pending = new AtomicInteger();
    /** The current job's task; written only by the holder of {@code busy}, before publishing. */
    private Task task;
    private volatile Thread caller;
    private volatile Throwable failure;

    Pool(int count) {
      workers = new Worker[count];
      for (int i = 0; i < count; i++) {
        workers[i] = new Worker(i + 1);
        workers[i].thread.start();
      }
    }

    /** Runs the job on the caller and the workers; false (nothing run) if the workers are taken. */
    boolean tryRun(int parts, Task job) {
      if (parts > MAX_PARTS || !busy.compareAndSet(false, true)) {
        return false;
      }
      try {
        caller = Thread.currentThread();
        failure = null;
        task = job;
        pending.set(parts);
        long generation = (claim.get() >>> 32) + 1;
        claim.set(generation << 32 | (long) parts << 16); // publishes task; wakes the spinning workers
        for (Worker w : workers) {
          if (w.index < parts && w.sleeping) {
            LockSupport.unpark(w.thread);
          }
        }
        runParts();
        awaitParts();
        task = null; // every part is claimed and done: no claim can succeed until the next publish
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException) {
          throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
          throw (Error) thrown;
        }
        if (thrown != null) {
          throw new IllegalStateException(thrown);
        }
        return true;
      } finally {
        busy.set(false);
      }
    }

    /** Claims the next part of the current job, or returns -1 when none is left. */
    private int claimPart() {
      while (true) {
        long c = claim.get();
        int parts = (int) (c >>> 16) & MAX_PARTS;
        int next = (int) c & MAX_PARTS;
        if (next >= parts) {
          return -1;
        }
        if (claim.compareAndSet(c, c + 1)) {
          return next;
        }
      }
    }

    /** Claims and runs parts of the current job until none is left; called by the caller and the workers. */
    private void runParts() {
      int part;
      while ((part = claimPart()) >= 0) {
        Task t = task;
        int parts = (int) (claim.get() >>> 16) & MAX_PARTS; // same job: it cannot end before this part does
        try {
          t.run(part, parts);
        } catch (Throwable e) {
          if (failure == null) {
            failure = e;
          }
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }

    private void awaitParts() {
      long deadline = System.nanoTime() + SPIN_NANOS;
      while (pending.get() != 0) {
        if (System.nanoTime() < deadline) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, 20_000);
        }
      }
    }

    private final class Worker implements Runnable {
      final int index;
      final Thread thread;
      volatile boolean sleeping;

      Worker(int index) {
        this.index = index;
        this.thread = new Thread(this, "staticnet-worker-" + index);
        this.thread.setDaemon(true);
      }

      @Override
      public void run() {
        long seen = 0;
        while (true) {
          seen = awaitJob(seen);
          runParts();
        }
      }

      /** Spins, then parks, until a job newer than generation {@code seen} is published; returns its generation. */
      private long awaitJob(long seen) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        long generation;
        while ((generation = claim.get() >>> 32) == seen) {
          if ((++spins & 63) != 0 || System.nanoTime() < deadline) {
            Thread.onSpinWait();
          } else {
            sleeping = true; // Dekker with the caller: write sleeping, then re-read the claim word
            if (claim.get() >>> 32 == seen) {
              LockSupport.park(this);
            }
            sleeping = false;
          }
        }
        return generation;
      }
    }
  }
}
