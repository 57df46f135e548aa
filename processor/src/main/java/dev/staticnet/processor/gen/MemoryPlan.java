package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.NetworkModel;
import java.util.HashSet;
import java.util.Set;

/**
 * The bytes a generated model allocates, planned at compile time from its {@link NetworkPlan}:
 * exactly what {@code GeneratedModel} and {@code Workspace} allocate at run time (float32 slots,
 * int64 counters). A workspace holds {@code batch · perSample + fixed} bytes; kernels' per-thread
 * scratch (im2col columns) and optimiser state are not included.
 *
 * @param parameterBytes       trainable parameters (training allocates as much again for gradients)
 * @param bufferBytes          BatchNorm running statistics and counters
 * @param foldedBytes          BatchNorm-folded convolution weights and biases (inference only)
 * @param trainingPerSample    training workspace per sample: activations, caches, their gradients
 *                             and the input gradient (a {@link FusedActivation}'s output shares its
 *                             pre-activation's gradient, and its activations where training allows)
 * @param trainingFixed        training workspace per batch, independent of its size (per-channel caches)
 * @param inferencePerSample   inference workspace per sample (no gradients; in-place activations share)
 * @param inferenceFixed       inference workspace per batch, independent of its size
 * @param foldedPerSample      inference workspace per sample with BatchNorm folding (the slots it
 *                             skips are not allocated); equals {@code inferencePerSample} if nothing folds
 */
record MemoryPlan(long parameterBytes, long bufferBytes, long foldedBytes, long trainingPerSample, long trainingFixed,
    long inferencePerSample, long inferenceFixed, long foldedPerSample) {
  private static final int FLOAT = 4;
  private static final int LONG = 8;

  static MemoryPlan of(NetworkModel network) {
    return of(NetworkPlan.of(network));
  }

  static MemoryPlan of(NetworkPlan plan) {
    long params = 0;
    long buffers = 0;
    for (PlacedTensor t : plan.tensors) {
      switch (t.store()) {
        case PARAM:
          params += t.spec().size() * FLOAT;
          break;
        case BUFFER:
          buffers += t.spec().size() * FLOAT;
          break;
        default:
          buffers += LONG;
      }
    }
    InferenceFusion fusion = plan.fusion;
    Set<Integer> shared = new HashSet<>();
    for (InferenceFusion.InPlace p : fusion.inPlace) {
      shared.add(p.slot().index());
    }
    Set<Integer> trainingSharedActivation = new HashSet<>();
    Set<Integer> trainingSharedGradient = new HashSet<>();
    for (FusedActivation fused : plan.fusedActivations) {
      trainingSharedGradient.add(fused.out().index());
      if (fused.inPlaceInTraining()) {
        trainingSharedActivation.add(fused.out().index());
      }
    }
    Set<Integer> foldedAway = new HashSet<>();
    for (Slot s : fusion.foldedAway) {
      foldedAway.add(s.index());
    }
    // The input gradient (slot 0) is allocated by every training workspace; the input itself is the caller's.
    long trainingPerSample = plan.slots.get(0).perSample();
    long trainingFixed = 0;
    long inferencePerSample = 0;
    long inferenceFixed = 0;
    long foldedPerSample = 0;
    for (Slot s : plan.slots.subList(1, plan.slots.size())) {
      int copies = (trainingSharedActivation.contains(s.index()) ? 0 : 1) // activation
          + (s.cache() || trainingSharedGradient.contains(s.index()) ? 0 : 1); // gradient
      trainingPerSample += copies * s.perSample();
      trainingFixed += copies * s.fixed();
      if (!shared.contains(s.index())) {
        inferencePerSample += s.perSample();
        inferenceFixed += s.fixed();
        if (!foldedAway.contains(s.index())) {
          foldedPerSample += s.perSample();
        }
      }
    }
    return new MemoryPlan(params, buffers, (long) fusion.foldedSize * FLOAT, trainingPerSample * FLOAT,
        trainingFixed * FLOAT, inferencePerSample * FLOAT, inferenceFixed * FLOAT, foldedPerSample * FLOAT);
  }

  /** Whether the inference pass folds any BatchNorm. */
  boolean folds() {
    return foldedBytes > 0;
  }
}
