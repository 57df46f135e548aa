package dev.staticnet.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
   * One published job, immutable but for its part counter (this AtomicInteger): the caller and the
   * workers claim parts from it, so a worker that wakes late finds the parts already taken.
   */
  @SuppressWarnings("serial")
  private static final class Job extends AtomicInteger {
    final long sequence;
    final int parts;
    final Task task;

    Job(long sequence, int parts, Task task) {
      this.sequence = sequence;
      this.parts = parts;
      this.task = task;
    }
  }

  /** The worker threads, created on first parallel use. */
  private static final class Pool {
    static final Pool INSTANCE = new Pool(THREADS - 1);

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Parts of the current job not yet finished. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Job job = new Job(0, 0, null);
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
    boolean tryRun(int parts, Task task) {
      if (!busy.compareAndSet(false, true)) {
        return false;
      }
      try {
        caller = Thread.currentThread();
        failure = null;
        pending.set(parts);
        Job current = new Job(job.sequence + 1, parts, task); // only the holder of busy writes job
        job = current;
        for (Worker w : workers) {
          if (w.index < parts && w.sleeping) {
            LockSupport.unpark(w.thread);
          }
        }
        runParts(current);
        awaitParts();
        job = new Job(current.sequence, 0, null); // same sequence: drops the task's arrays, wakes nobody
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

    /** Claims and runs parts of {@code j} until none is left; called by the caller and the workers. */
    private void runParts(Job j) {
      int part;
      while ((part = j.getAndIncrement()) < j.parts) {
        try {
          j.task.run(part, j.parts);
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
          Job j = awaitJob(seen);
          seen = j.sequence;
          if (index < j.parts) {
            runParts(j);
          }
        }
      }

      /** Spins, then parks, until a job newer than {@code seen} is published. */
      private Job awaitJob(long seen) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        Job j;
        while ((j = job).sequence == seen) {
          if ((++spins & 63) != 0 || System.nanoTime() < deadline) {
            Thread.onSpinWait();
          } else {
            sleeping = true; // Dekker with the caller: write sleeping, then re-read job
            if (job.sequence == seen) {
              LockSupport.park(this);
            }
            sleeping = false;
          }
        }
        return j;
      }
    }
  }
}
