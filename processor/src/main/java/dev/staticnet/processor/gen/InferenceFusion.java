package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the inference pass ({@code predict}) does differently from the eval-mode forward pass, found
 * statically in the planned operations:
 * <ul>
 *   <li>BatchNorm folding: a {@code @Conv2d} without activation whose output only feeds a
 *       {@code @BatchNorm} becomes one convolution with {@code W' = W·γ/√(var+eps)},
 *       {@code b' = (b − mean)·γ/√(var+eps) + β}; a {@code @ReLU} that alone reads the BatchNorm's
 *       output is applied in the convolution's epilogue. The skipped slots are not allocated.</li>
 *   <li>In-place activations: an element-wise activation step whose input slot nothing else reads
 *       writes over it in inference workspaces (training keeps both: the backward pass reads them).</li>
 * </ul>
 */
final class InferenceFusion {
  /** Element-wise activation steps that may overwrite their input. */
  private static final Set<StepKind> ELEMENTWISE =
      EnumSet.of(StepKind.RELU, StepKind.LEAKY_RELU, StepKind.SIGMOID, StepKind.TANH, StepKind.GELU);

  /**
   * A convolution with the BatchNorm (and ReLU) after it folded in.
   *
   * @param relu           the fused ReLU step, or {@code null}
   * @param weightConstant constant holding the folded weights' offset in {@code foldedParams}
   * @param biasConstant   constant holding the folded biases' offset
   */
  record Fold(Op.Layer conv, Op.Layer norm, Op.Layer relu, String weightConstant, int weightOffset,
      String biasConstant, int biasOffset) {
    /** The slot the folded convolution writes: the ReLU's output, else the BatchNorm's. */
    Slot out() {
      return relu != null ? relu.out() : norm.out();
    }
  }

  /** An activation slot that shares its input's array in inference workspaces. */
  record InPlace(Slot slot, Slot of) {}

  final List<Fold> folds = new ArrayList<>();
  final List<InPlace> inPlace = new ArrayList<>();
  /** Slots the folded pass never touches, in slot order of discovery. */
  final List<Slot> foldedAway = new ArrayList<>();
  /** Floats of folded weights and biases. */
  int foldedSize;

  private final Map<Op, Fold> foldOf = new HashMap<>();

  private InferenceFusion() {}

  /**
   * @param ops            the operations in forward order
   * @param uniqueConstant makes a constant name unique in the generated class
   */
  static InferenceFusion of(List<Op> ops, UnaryOperator<String> uniqueConstant) {
    InferenceFusion f = new InferenceFusion();
    Map<Integer, Integer> reads = reads(ops);
    for (int i = 0; i + 1 < ops.size(); i++) {
      if (!(ops.get(i) instanceof Op.Layer conv) || !(ops.get(i + 1) instanceof Op.Layer norm)
          || !foldable(conv, norm, reads)) {
        continue;
      }
      Op.Layer relu = i + 2 < ops.size() && ops.get(i + 2) instanceof Op.Layer next
          && next.node().kind() == StepKind.RELU && next.in().equals(norm.out())
          && reads.get(norm.out().index()) == 1 ? next : null;
      int weights = Math.toIntExact(conv.tensor("weight").spec().size());
      int channels = conv.node().attrs().out();
      String prefix = conv.constantPrefix();
      Fold fold = new Fold(conv, norm, relu, uniqueConstant.apply(prefix + "_FOLDED_WEIGHT"), f.foldedSize,
          uniqueConstant.apply(prefix + "_FOLDED_BIAS"), f.foldedSize + weights);
      f.foldedSize = Math.addExact(f.foldedSize, weights + channels);
      f.folds.add(fold);
      f.foldOf.put(conv, fold);
      f.foldOf.put(norm, fold);
      f.foldedAway.add(conv.out());
      if (relu != null) {
        f.foldOf.put(relu, fold);
        f.foldedAway.add(norm.out());
      }
    }
    for (Op op : ops) {
      FusedActivation fused = FusedActivation.of(op);
      if (fused != null) {
        f.inPlace.add(new InPlace(fused.out(), fused.pre()));
      }
      if (op instanceof Op.Layer a && ELEMENTWISE.contains(a.node().kind()) && !f.foldOf.containsKey(a)
          && a.in().index() != 0 && !a.in().cache() && reads.get(a.in().index()) == 1
          && !f.foldedAway.contains(a.in())) {
        f.inPlace.add(new InPlace(a.out(), a.in()));
      }
    }
    return f;
  }

  /** Conv2d without activation, then BatchNorm on (C, H, W) reading only its output. */
  private static boolean foldable(Op.Layer conv, Op.Layer norm, Map<Integer, Integer> reads) {
    LayerNode c = conv.node();
    LayerNode n = norm.node();
    return c.kind() == StepKind.CONV2D && c.attrs().activation().equals("NONE")
        && n.kind() == StepKind.BATCH_NORM && n.input().rank() == 3
        && norm.in().equals(conv.out()) && reads.get(conv.out().index()) == 1;
  }

  /** How many operations read each slot (by index) in the forward pass. */
  private static Map<Integer, Integer> reads(List<Op> ops) {
    Map<Integer, Integer> reads = new HashMap<>();
    for (Op op : ops) {
      if (op instanceof Op.Layer l) {
        reads.merge(l.in().index(), 1, Integer::sum);
      } else {
        Op.Residual r = (Op.Residual) op;
        reads.merge(r.body().index(), 1, Integer::sum);
        reads.merge(r.shortcut().index(), 1, Integer::sum);
      }
    }
    return reads;
  }

  /** The fold {@code op} belongs to (as convolution, BatchNorm or ReLU), or {@code null}. */
  Fold foldOf(Op op) {
    return foldOf.get(op);
  }
}
