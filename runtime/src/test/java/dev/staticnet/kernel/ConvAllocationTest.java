package dev.staticnet.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** After warm-up the convolution and pooling kernels allocate nothing per call, split over threads or not. */
class ConvAllocationTest {
  private static final int CALLS = 100;
  /** Slack for the measuring itself and rare JVM-internal allocations. */
  private static final long SLACK_BYTES = 4096;

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void convolutionsAndPoolingDoNotAllocateAfterWarmUp() {
    ConvGeometry[] geometries = {
        new ConvGeometry(8, 16, 16, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1),  // flipped-kernel dx, split over threads
        new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1), // col2im dx, chunks of samples
        new ConvGeometry(8, 9, 9, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1),    // pointwise
        new ConvGeometry(16, 16, 16, 16, 3, 3, 1, 1, 1, 1, 1, 1, 16), // depthwise
    };
    int batch = 8;
    for (ConvGeometry g : geometries) {
      float[] x = ConvTestSupport.uniform(new java.util.Random(1), batch * g.inSize());
      float[] y = new float[batch * g.outSize()];
      float[] params = ConvTestSupport.uniform(new java.util.Random(2), g.weightCount() + g.outC);
      float[] dx = new float[x.length];
      float[] dparams = new float[params.length];
      Runnable step = () -> {
        Conv2dKernel.forward(y, x, params, 0, g.weightCount(), g, batch);
        Conv2dKernel.backward(dx, dparams, y, x, params, 0, g.weightCount(), g, batch);
      };
      assertNoAllocation(g.toString(), step);
    }
    PoolGeometry pg = new PoolGeometry(6, 28, 28, 2, 2, 2, 2, 0, 0);
    float[] px = new float[batch * pg.inSize()];
    float[] py = new float[batch * pg.outSize()];
    float[] pdx = new float[px.length];
    assertNoAllocation("pooling", () -> {
      Pool2dKernel.maxForward(py, px, pg, batch);
      Pool2dKernel.maxBackward(pdx, py, px, pg, batch);
      Pool2dKernel.avgForward(py, px, pg, batch);
      Pool2dKernel.avgBackward(pdx, py, pg, batch);
      GlobalAvgPoolKernel.forward(py, px, batch, 6, 28 * 28);
      GlobalAvgPoolKernel.backward(pdx, py, batch, 6, 28 * 28);
    });
  }

  /**
   * Warm-up ends when C2 has compiled the Vector API paths (interpreted or C1 code boxes every vector);
   * on a loaded machine that takes a while, so measure rounds of calls until one allocates nothing.
   */
  private static void assertNoAllocation(String what, Runnable step) {
    for (int i = 0; i < 300; i++) {
      step.run();
    }
    long bytes = Long.MAX_VALUE;
    for (int round = 0; round < 30 && bytes >= SLACK_BYTES; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < CALLS; i++) {
        step.run();
      }
      bytes = allocatedBytes() - before;
    }
    assertTrue(bytes < SLACK_BYTES, what + ": " + CALLS + " forward+backward calls allocated " + bytes + " bytes");
  }
}
