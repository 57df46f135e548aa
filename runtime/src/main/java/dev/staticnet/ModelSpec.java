package dev.staticnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generated model is made of, built once per generated class: its tensors (trainable
 * parameters, float buffers and int64 counters, in {@code state_dict} order), its steps for
 * {@link Model#layers()}, and the activation slots of its workspace.
 *
 * <p>Generated code computes every offset at compile time and passes it here, where it is checked
 * against the running total, so a generator bug fails at class initialisation, not as wrong numbers.
 */
public final class ModelSpec {
  /** Where a tensor lives. */
  public enum Store {
    /** Trainable, in {@code params}/{@code grads}. */
    PARAM,
    /** Float buffer (running statistics), in {@code buffers}. */
    BUFFER,
    /** int64 counter ({@code num_batches_tracked}), in {@code counters}. */
    COUNTER
  }

  /** One named tensor. */
  public record Tensor(String name, int[] shape, Store store, int offset, int size) {}

  /** One step for {@link Model#layers()}. */
  public record Step(String name, String kind, Shape outputShape, long parameterCount) implements Layer {}

  final String network;
  final Shape input;
  final Shape output;
  final InputKind inputKind;
  final Loss loss;
  final int labelsPerSample;
  final int classes;
  final List<Tensor> tensors;
  final Map<String, Tensor> byName;
  final List<Layer> layers;
  final Map<String, Layer> layerByName;
  final int[] slotPerSample;
  final int[] slotFixed;
  final boolean[] slotHasGradient;
  final String batchStatisticsStep;
  /** Floats of BatchNorm-folded convolution weights and biases (0: nothing to fold). */
  final int foldedSize;
  /** Slots the folded inference pass never touches (a folded convolution's and BatchNorm's outputs). */
  final boolean[] slotFoldedAway;
  /**
   * Slots whose gradient only leads to the input gradient (parameter-free steps between the input
   * and the first step with parameters): like the input's, it is computed only on request.
   */
  final boolean[] slotOptionalGradient;
  /** Whether the backward pass's first writer of a slot's gradient assigns it: no zeroing needed. */
  final boolean[] slotGradientAssigned;
  /** In inference workspaces slot {@code s} shares the array of slot {@code slotInPlaceOf[s]} ({@code s}: its own). */
  final int[] slotInPlaceOf;
  /** In training workspaces slot {@code s}'s activations share the array of slot {@code slotTrainingInPlaceOf[s]}. */
  final int[] slotTrainingInPlaceOf;
  /** In training workspaces slot {@code s}'s gradient shares the array of slot {@code slotGradientOf[s]}. */
  final int[] slotGradientOf;
  final int paramSize;
  final int bufferSize;
  final int counterSize;
  final String summary;

  private ModelSpec(Builder b) {
    this.network = b.network;
    this.input = b.input;
    this.output = b.output;
    this.inputKind = b.inputKind;
    this.loss = b.loss;
    this.labelsPerSample = b.labelsPerSample;
    this.classes = b.classes;
    this.tensors = List.copyOf(b.tensors);
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      map.put(t.name(), t);
    }
    this.byName = Collections.unmodifiableMap(map);
    this.layers = List.copyOf(b.layers);
    Map<String, Layer> layerMap = new LinkedHashMap<>();
    for (Layer l : layers) {
      layerMap.put(l.name(), l);
    }
    this.layerByName = Collections.unmodifiableMap(layerMap);
    this.slotHasGradient = new boolean[b.slotHasGradient.size()];
    for (int i = 0; i < slotHasGradient.length; i++) {
      slotHasGradient[i] = b.slotHasGradient.get(i);
    }
    this.batchStatisticsStep = b.batchStatisticsStep;
    this.slotPerSample = b.slotPerSample.stream().mapToInt(Integer::intValue).toArray();
    this.slotFixed = b.slotFixed.stream().mapToInt(Integer::intValue).toArray();
    this.foldedSize = b.foldedSize;
    this.slotFoldedAway = new boolean[slotPerSample.length];
    for (int s : b.foldedAway) {
      slotFoldedAway[s] = true;
    }
    this.slotOptionalGradient = new boolean[slotPerSample.length];
    for (int s : b.optionalGradient) {
      slotOptionalGradient[s] = true;
    }
    this.slotGradientAssigned = new boolean[slotPerSample.length];
    for (int s : b.assignedGradient) {
      slotGradientAssigned[s] = true;
    }
    this.slotInPlaceOf = resolve(b.inPlace, slotPerSample.length);
    this.slotTrainingInPlaceOf = resolve(b.trainingInPlace, slotPerSample.length);
    this.slotGradientOf = resolve(b.sharedGradient, slotPerSample.length);
    this.paramSize = b.paramSize;
    this.bufferSize = b.bufferSize;
    this.counterSize = b.counterSize;
    this.summary = b.summary;
  }

  /** For each slot, the slot whose array it uses: itself, or the end of its chain of {@code sharing[s] < s}. */
  private static int[] resolve(Map<Integer, Integer> sharing, int slots) {
    int[] of = new int[slots];
    for (int s = 0; s < slots; s++) {
      Integer earlier = sharing.get(s);
      of[s] = earlier == null ? s : of[earlier];
    }
    return of;
  }

  /** Starts a spec for the network with the given binary name. */
  public static Builder builder(String network, Shape input, Shape output, InputKind inputKind, Loss loss) {
    return new Builder(network, input, output, inputKind, loss);
  }

  public String network() {
    return network;
  }

  public List<Tensor> tensors() {
    return tensors;
  }

  public Tensor tensor(String name) {
    Tensor t = byName.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "' in " + network + "; it has " + byName.keySet());
    }
    return t;
  }

  /** The step named {@code name} (dotted for block steps: {@code stage1.0.fc}). */
  public Layer layer(String name) {
    Layer l = layerByName.get(name);
    if (l == null) {
      throw new IllegalArgumentException("no step named '" + name + "' in " + network + "; it has " + layerByName.keySet());
    }
    return l;
  }

  /** Number of workspace slots: slot 0 is the input, the last is the output. */
  public int slots() {
    return slotPerSample.length;
  }

  /** Builds a {@link ModelSpec}; calls must come in {@code state_dict} order. */
  public static final class Builder {
    private final String network;
    private final Shape input;
    private final Shape output;
    private final InputKind inputKind;
    private final Loss loss;
    private int labelsPerSample = 1;
    private int classes;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final List<Integer> slotPerSample = new ArrayList<>();
    private final List<Integer> slotFixed = new ArrayList<>();
    private final List<Boolean> slotHasGradient = new ArrayList<>();
    private String batchStatisticsStep;
    private int foldedSize;
    private final List<Integer> foldedAway = new ArrayList<>();
    private final List<Integer> optionalGradient = new ArrayList<>();
    private final List<Integer> assignedGradient = new ArrayList<>();
    private final Map<Integer, Integer> inPlace = new LinkedHashMap<>();
    private final Map<Integer, Integer> trainingInPlace = new LinkedHashMap<>();
    private final Map<Integer, Integer> sharedGradient = new LinkedHashMap<>();
    private int paramSize;
    private int bufferSize;
    private int counterSize;
    private String summary = "";

    private Builder(String network, Shape input, Shape output, InputKind inputKind, Loss loss) {
      this.network = network;
      this.input = input;
      this.output = output;
      this.inputKind = inputKind;
      this.loss = loss;
      slot(input.size(), 0, true);
    }

    /** For class-index losses: labels per sample ({@code T} for {@code (T, K)} outputs) and classes {@code K}. */
    public Builder labels(int perSample, int classes) {
      this.labelsPerSample = perSample;
      this.classes = classes;
      return this;
    }

    /** A trainable tensor at {@code offset} in the parameter array. */
    public Builder param(String name, int offset, int... shape) {
      paramSize = add(name, shape, Store.PARAM, offset, paramSize);
      return this;
    }

    /** A float buffer at {@code offset} in the buffer array. */
    public Builder buffer(String name, int offset, int... shape) {
      bufferSize = add(name, shape, Store.BUFFER, offset, bufferSize);
      return this;
    }

    /** An int64 scalar counter at {@code index} in the counter array. */
    public Builder counter(String name, int index) {
      counterSize = add(name, new int[0], Store.COUNTER, index, counterSize);
      return this;
    }

    private int add(String name, int[] shape, Store store, int offset, int expected) {
      if (offset != expected) {
        throw new IllegalStateException(network + ": tensor " + name + " declared at offset " + offset + ", expected " + expected);
      }
      int size = 1;
      for (int d : shape) {
        size = Math.multiplyExact(size, d);
      }
      tensors.add(new Tensor(name, shape.clone(), store, offset, size));
      return offset + size;
    }

    /** A step for {@link Model#layers()}. */
    public Builder layer(String name, String kind, int[] outputShape, long parameterCount) {
      layers.add(new Step(name, kind, Shape.of(outputShape), parameterCount));
      return this;
    }

    /**
     * Declares workspace slot {@code index} of {@code perSample * batch + fixed} floats. Slot 0, the
     * input, is declared by the builder itself; the last slot declared is the output.
     */
    public Builder slot(int index, int perSample, int fixed) {
      if (index != slotPerSample.size()) {
        throw new IllegalStateException(network + ": slot " + index + " declared out of order, expected " + slotPerSample.size());
      }
      return slot(perSample, fixed, true);
    }

    /**
     * Declares workspace slot {@code index} as a cache the forward pass writes for the backward pass
     * (normalisation statistics, dropout masks): like {@link #slot} but without a gradient buffer.
     */
    public Builder cache(int index, int perSample, int fixed) {
      if (index != slotPerSample.size()) {
        throw new IllegalStateException(network + ": slot " + index + " declared out of order, expected " + slotPerSample.size());
      }
      return slot(perSample, fixed, false);
    }

    private Builder slot(int perSample, int fixed, boolean hasGradient) {
      slotPerSample.add(perSample);
      slotFixed.add(fixed);
      slotHasGradient.add(hasGradient);
      return this;
    }

    /**
     * Records that {@code step} normalises with batch statistics over the batch axis alone
     * (BatchNorm on {@code (C)}), so training needs a batch of at least 2; the first such step names
     * the error, raised before anything runs.
     */
    public Builder batchStatistics(String step) {
      if (batchStatisticsStep == null) {
        batchStatisticsStep = step;
      }
      return this;
    }

    /**
     * The size of the folded-weights array: for each {@code @Conv2d} followed by a {@code @BatchNorm},
     * the convolution's weights and biases with the BatchNorm folded in, used by inference only.
     */
    public Builder folded(int size) {
      if (size < 0) {
        throw new IllegalStateException(network + ": folded size must be >= 0, got " + size);
      }
      this.foldedSize = size;
      return this;
    }

    /** Declares that the folded inference pass never reads or writes {@code slot}: it is not allocated there. */
    public Builder foldedAway(int slot) {
      checkInnerSlot(slot, 1, "be folded away", "not the input, the output or a cache");
      foldedAway.add(slot);
      return this;
    }

    /**
     * Declares that {@code slot}'s gradient is needed only to compute the input gradient (every step
     * between the input and it is parameter-free): training workspaces leave it {@code null} unless
     * the caller asks for the input gradient, so the backward pass skips that work.
     */
    public Builder optionalGradient(int slot) {
      checkInnerSlot(slot, 1, "have an optional gradient", "not the input, the output or a cache");
      optionalGradient.add(slot);
      return this;
    }

    /**
     * Declares that the first kernel of the backward pass to write {@code slot}'s gradient writes all
     * of it without reading it (later writers add), so that the gradient buffer is not zeroed before
     * the pass. The input (slot 0) may be declared; the output may not (the loss writes it).
     */
    public Builder assignedGradient(int slot) {
      checkInnerSlot(slot, 0, "have an assigned gradient", "not the output or a cache");
      assignedGradient.add(slot);
      return this;
    }

    /** Checks that {@code slot} is a declared activation slot from {@code lowest} up to, not including, the output. */
    private void checkInnerSlot(int slot, int lowest, String what, String allowed) {
      if (slot < lowest || slot >= slotPerSample.size() - 1 || !slotHasGradient.get(slot)) {
        throw new IllegalStateException(network + ": slot " + slot + " cannot " + what + " (declare it first; "
            + allowed + ")");
      }
    }

    /**
     * Declares that an element-wise step writing {@code slot} may overwrite its input {@code of} in
     * inference workspaces (nothing else reads {@code of}): both share one array there. Training
     * workspaces keep them apart for the backward pass.
     */
    public Builder inPlace(int slot, int of) {
      checkSameSizeEarlier(slot, of, "run in place over");
      inPlace.put(slot, of);
      return this;
    }

    /**
     * Declares that {@code slot}, the output of an activation whose derivative reads only its output,
     * overwrites its pre-activation {@code of} in training workspaces too (nothing else reads
     * {@code of}, in either pass).
     */
    public Builder trainingInPlace(int slot, int of) {
      checkSameSizeEarlier(slot, of, "run in place over");
      trainingInPlace.put(slot, of);
      return this;
    }

    /**
     * Declares that the gradients of {@code slot}, an activation's output, and of its pre-activation
     * {@code of} are one array in training workspaces: the activation's backward assigns d(of) in
     * place over d(slot), which no one reads afterwards.
     */
    public Builder sharedGradient(int slot, int of) {
      checkSameSizeEarlier(slot, of, "share its gradient with");
      sharedGradient.put(slot, of);
      return this;
    }

    private void checkSameSizeEarlier(int slot, int of, String what) {
      if (of < 1 || of >= slot || slot >= slotPerSample.size() || !slotHasGradient.get(of)
          || !slotHasGradient.get(slot) || slotPerSample.get(of).intValue() != slotPerSample.get(slot).intValue()
          || slotFixed.get(of).intValue() != slotFixed.get(slot).intValue()) {
        throw new IllegalStateException(network + ": slot " + slot + " cannot " + what + " slot " + of
            + " (an earlier activation slot of the same size, not the input)");
      }
    }

    /** The compile-time summary table. */
    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    public ModelSpec build() {
      int last = slotPerSample.size() - 1;
      if (!slotHasGradient.get(last) || slotFixed.get(last) != 0) {
        throw new IllegalStateException(network + ": the last slot must be the output, not a cache");
      }
      if (slotPerSample.get(last) != output.size()) {
        throw new IllegalStateException(network + ": last slot holds " + slotPerSample.get(last)
            + " floats per sample but the output shape " + output + " has " + output.size());
      }
      for (Map.Entry<Integer, Integer> e : inPlace.entrySet()) {
        if (foldedAway.contains(e.getKey()) || foldedAway.contains(e.getValue())) {
          throw new IllegalStateException(network + ": slot " + e.getKey() + " runs in place over slot "
              + e.getValue() + ", but one of them is folded away");
        }
      }
      for (Map.Entry<Integer, Integer> e : sharedGradient.entrySet()) {
        if (optionalGradient.contains(e.getKey()) || optionalGradient.contains(e.getValue())) {
          throw new IllegalStateException(network + ": slots " + e.getKey() + " and " + e.getValue()
              + " share a gradient array, but one of them has an optional gradient");
        }
      }
      return new ModelSpec(this);
    }
  }

  @Override
  public String toString() {
    return network + " " + input + " -> " + output + " " + Arrays.toString(slotPerSample);
  }
}
