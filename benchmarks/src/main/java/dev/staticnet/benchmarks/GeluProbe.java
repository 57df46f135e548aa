package dev.staticnet.benchmarks;

import dev.staticnet.Activation;
import dev.staticnet.kernel.Activations;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times GELU forward and backward ({@link Activations}) on N elements, CALLS calls per round, and
 * prints ns per element and the bytes <em>all</em> threads allocated per call: 0 once the JIT has
 * compiled the vector loops, unless C2 left some of their vectors boxed (see {@code ActivationVector}).
 * A JVM that has run nothing else is the easy case; the transformer in {@link AllocationProbe} is
 * the realistic one, and {@code -XX:PerMethodTrapLimit=0} the worst.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.staticnet.benchmarks.GeluProbe [N [CALLS [ROUNDS]]]     # defaults 32768 10000 4</pre>
 */
public final class GeluProbe {
  private GeluProbe() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 32768;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[n];
    float[] y = new float[n];
    float[] dy = new float[n];
    float[] dx = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * 2);
      dy[i] = (float) r.nextGaussian();
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long bytes0 = AllocationProbe.allThreadsAllocated(mx);
      long t0 = System.nanoTime();
      for (int c = 0; c < calls; c++) {
        Activations.forward(Activation.GELU, y, x, n, 0f);
      }
      long t1 = System.nanoTime();
      long bytes1 = AllocationProbe.allThreadsAllocated(mx);
      for (int c = 0; c < calls; c++) {
        Activations.backward(Activation.GELU, dx, dy, x, y, n, 0f);
      }
      long t2 = System.nanoTime();
      long bytes2 = AllocationProbe.allThreadsAllocated(mx);
      System.out.printf(Locale.ROOT, "round %d: forward %.3f ns/element, %,d bytes/call; backward %.3f ns/element, "
          + "%,d bytes/call%n", round, (t1 - t0) / (double) calls / n, (bytes1 - bytes0) / calls,
          (t2 - t1) / (double) calls / n, (bytes2 - bytes1) / calls);
    }
  }
}
