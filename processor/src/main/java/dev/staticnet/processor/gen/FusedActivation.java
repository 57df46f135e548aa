package dev.staticnet.processor.gen;

import java.util.Set;

/**
 * The activation a step applies to its own pre-activation slot: a Linear's or a Conv2d's
 * {@code activation = …}, or a residual block's activation of its sum. Nothing but the step reads
 * the pre-activation, so the two slots can share arrays:
 * <ul>
 *   <li>inference: always (the activation runs in place);
 *   <li>training, activations: when the derivative reads only the output (ReLU, σ, tanh), since the
 *       backward pass then never needs the pre-activation;
 *   <li>training, gradients: always; the activation's backward turns the output gradient into the
 *       pre-activation gradient in place (the output gradient is complete by then, and read by no
 *       one after).
 * </ul>
 * Each sharing saves one buffer's worth of memory traffic per pass.
 */
record FusedActivation(Slot pre, Slot out, String activation) {
  private static final Set<String> DERIVATIVE_FROM_OUTPUT = Set.of("RELU", "SIGMOID", "TANH");

  /** The fused activation of {@code op}, or null when it has none. */
  static FusedActivation of(Op op) {
    if (op instanceof Op.Layer l && l.pre() != null) {
      return new FusedActivation(l.pre(), l.out(), l.node().attrs().activation());
    }
    if (op instanceof Op.Residual r && !r.sum().equals(r.out())) {
      return new FusedActivation(r.sum(), r.out(), r.node().residualActivation());
    }
    return null;
  }

  /** Whether training workspaces may run the activation in place (its derivative reads only its output). */
  boolean inPlaceInTraining() {
    return DERIVATIVE_FROM_OUTPUT.contains(activation);
  }
}
