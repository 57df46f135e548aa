package dev.staticnet.processor.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.kernel.AttentionKernel;
import dev.staticnet.kernel.GruKernel;
import dev.staticnet.kernel.LstmKernel;
import dev.staticnet.kernel.RnnKernel;
import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.StepKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restated cache sizes agree with the kernels' {@code cacheSize} (the runtime is on the test classpath). */
class SequenceCachesTest {
  private static final int BATCH = 3;
  private static final int STEPS = 7;

  /** {@code batch · perSample + fixed}, as the workspace allocates it. */
  private static long size(LayerNode node) {
    return BATCH * SequenceCaches.perSample(node) + SequenceCaches.fixed(node);
  }

  private static LayerNode node(StepKind kind, int features, int hidden, int heads) {
    Attrs d = Attrs.defaults();
    Attrs a = new Attrs(d.out(), d.in(), d.bias(), d.activation(), d.kernel(), d.stride(), d.padding(), d.dilation(),
        d.groups(), d.eps(), d.momentum(), d.affine(), d.p(), d.slope(), d.vocab(), d.dim(), hidden,
        d.nonlinearity(), true, heads, d.causal(), d.outProjection(), d.poolMode(), d.initScheme(), d.initStd());
    return new LayerNode("step", kind, a, Dims.of(STEPS, features), Dims.of(STEPS, features), List.of(), null);
  }

  @Test
  void recurrentCachesMatchTheKernels() {
    assertEquals(RnnKernel.cacheSize(BATCH, STEPS, 5), size(node(StepKind.RNN, 4, 5, 0)));
    assertEquals(LstmKernel.cacheSize(BATCH, STEPS, 5),
        size(node(StepKind.LSTM, 4, 5, 0)));
    assertEquals(GruKernel.cacheSize(BATCH, STEPS, 5), size(node(StepKind.GRU, 4, 5, 0)));
  }

  @Test
  void attentionCacheMatchesTheKernel() {
    assertEquals(AttentionKernel.cacheSize(BATCH, STEPS, 8, 2),
        size(node(StepKind.MULTI_HEAD_ATTENTION, 8, 0, 2)));
  }
}
