package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.LayerNode;
import java.util.List;

/**
 * One operation of the forward pass in execution order (blocks inlined); the backward pass runs
 * them in reverse.
 */
sealed interface Op {
  /** Prefix of the operation's constants, {@code FC1}. */
  String constantPrefix();

  /**
   * A layer step.
   *
   * @param pre     the pre-activation slot of a fused activation, else {@code null}
   * @param caches  slots the forward pass fills for the backward pass, in the kind's order
   * @param tensors the step's tensors in {@code state_dict} order
   */
  record Layer(LayerNode node, String constantPrefix, Slot in, Slot out, Slot pre, List<Slot> caches,
      List<PlacedTensor> tensors) implements Op {
    public Layer {
      caches = List.copyOf(caches);
      tensors = List.copyOf(tensors);
    }

    PlacedTensor tensor(String name) {
      for (PlacedTensor t : tensors) {
        if (t.spec().name().equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  /**
   * The addition closing a residual block: {@code sum = body + shortcut}, then the optional
   * activation into {@code out} ({@code out == sum} without one).
   */
  record Residual(BlockNode node, String constantPrefix, Slot body, Slot shortcut, Slot sum, Slot out)
      implements Op {}
}
