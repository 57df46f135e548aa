package dev.staticnet.processor.gen;

import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The gradient buffers the backward pass has used so far, followed in its execution order (steps in
 * reverse, across the per-step methods of a long network), so that the first kernel writing a slot's
 * gradient can assign it: the buffer then needs no zeroing before the pass ({@code .assignedGradient}).
 *
 * <p>A slot qualifies only if no earlier step used its gradient at all (read or written), and only
 * for the first statement that asks. A step that writes one gradient in several statements asks
 * before each of them, or for none of them.
 */
final class GradientWrites {
  private final Set<Integer> earlierSteps = new HashSet<>();
  private final Set<Integer> currentStep = new HashSet<>();
  private final SortedSet<Integer> assigned = new TreeSet<>();

  /** @param outputSlot the network output, whose gradient the loss writes before the pass */
  GradientWrites(int outputSlot) {
    earlierSteps.add(outputSlot);
  }

  /** Called before each step's backward statements. */
  void beginStep() {
    earlierSteps.addAll(currentStep);
    currentStep.clear();
  }

  /** Records that the current step uses the gradient of {@code slot}. */
  void use(int slot) {
    currentStep.add(slot);
  }

  /**
   * Whether the statement about to write {@code slot}'s gradient is its first writer and must assign
   * it whole (true) or add into it (false).
   */
  boolean assigns(Slot slot) {
    int s = slot.index();
    return !earlierSteps.contains(s) && assigned.add(s); // a second ask for the slot finds it assigned
  }

  /** The slots whose gradient is assigned by its first writer, ascending. */
  SortedSet<Integer> assigned() {
    return assigned;
  }
}
