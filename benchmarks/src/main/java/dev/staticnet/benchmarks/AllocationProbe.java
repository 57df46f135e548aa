package dev.staticnet.benchmarks;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Loops training steps of one generated network and prints, every 20 steps, the samples/s and the
 * bytes allocated per step by <em>all</em> threads (the caller and the kernels' workers). A step that
 * allocates megabytes ran part of its Vector API code in the boxing fallback (docs/benchmarks.md,
 * "Allocation"); whether it does can differ from one JVM run to the next.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.staticnet.benchmarks.AllocationProbe lstm|transformer [SECONDS]</pre>
 */
public final class AllocationProbe {
  private static final int STEPS_PER_ROUND = 20;

  private AllocationProbe() {}

  /** Bytes allocated so far by every live thread (the JVM's per-thread counters, summed). */
  static long allThreadsAllocated(com.sun.management.ThreadMXBean mx) {
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      long bytes = mx.getThreadAllocatedBytes(id);
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return sum;
  }

  public static void main(String[] args) {
    if (args.length < 1 || !(args[0].equals("lstm") || args[0].equals("transformer"))) {
      System.err.println("usage: AllocationProbe lstm|transformer [SECONDS]");
      System.exit(2);
    }
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 15;
    boolean lstm = args[0].equals("lstm");
    Model model = lstm ? LstmNet.create(1) : TinyTransformer.create(1);
    int batch = lstm ? 32 : 16;
    int inputs = lstm ? LstmNet.STEPS * LstmNet.FEATURES : TinyTransformer.CONTEXT;
    int labels = lstm ? batch : batch * TinyTransformer.CONTEXT;
    int classes = lstm ? 10 : TinyTransformer.VOCAB;
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[batch * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = lstm ? (float) r.nextGaussian() : r.nextInt(TinyTransformer.VOCAB);
    }
    int[] y = new int[labels];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextInt(classes);
    }
    Optimizer sgd = Optimizer.sgd(0.01f, 0.9f);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (int round = 0; System.nanoTime() < end; round++) {
      long bytes = allThreadsAllocated(mx);
      long start = System.nanoTime();
      for (int i = 0; i < STEPS_PER_ROUND; i++) {
        model.trainStep(x, y, batch, sgd);
      }
      long nanos = System.nanoTime() - start;
      System.out.printf(Locale.ROOT, "round %d: %.0f samples/s, %,d bytes per step (all threads)%n", round,
          STEPS_PER_ROUND * batch / (nanos / 1e9), (allThreadsAllocated(mx) - bytes) / STEPS_PER_ROUND);
    }
  }
}
