package dev.staticnet;

import dev.staticnet.kernel.Losses;
import dev.staticnet.kernel.PackedWeights;
import dev.staticnet.train.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base class of every generated {@code StaticNet_<Name>}: owns the flat parameter, gradient and
 * buffer arrays, the workspaces, input/label validation, the loss and the optimiser call. The
 * generated subclass supplies {@link #initialise}, {@link #forward} and {@link #backward}: straight
 * lines of kernel calls with compile-time constants. Not meant to be extended by hand.
 *
 * <p>BatchNorm folding: in {@link #predict}, each {@code @Conv2d} followed by a {@code @BatchNorm}
 * runs as one convolution with folded weights ({@link #foldedParams}), recomputed lazily whenever
 * the parameters or buffers changed since the last fold (a version counter bumped by every training
 * call and by {@link Parameters#set}). Training and {@link #gradients}/{@link #loss} never fold.
 * {@code -Dstaticnet.fold=false} or {@link #setBatchNormFolding} turns it off.
 *
 * <p>Weight pre-packing: in {@link #predict}, the Linear and attention projection weights are read
 * from GEMM panels packed once per parameter version ({@link PackedWeights}) instead of being packed
 * on every call. It costs a second copy of those weights and gives the same bits;
 * {@code -Dstaticnet.prepack=false} or {@link #setWeightPrepacking} turns it off.
 */
public abstract class GeneratedModel implements Model {
  private static final int MAX_POOLED_WORKSPACES = 16;
  private static final int MAX_TRAINING_WORKSPACES = 4;
  /** Default of {@link #setBatchNormFolding}: {@code -Dstaticnet.fold=false} turns folding off. */
  private static final boolean FOLD_BY_DEFAULT = !"false".equalsIgnoreCase(System.getProperty("staticnet.fold"));
  /** Default of {@link #setWeightPrepacking}: {@code -Dstaticnet.prepack=false} turns pre-packing off. */
  private static final boolean PREPACK_BY_DEFAULT =
      !"false".equalsIgnoreCase(System.getProperty("staticnet.prepack"));

  /** Offset passed to a kernel for an absent tensor (a Linear without bias, a norm without affine). */
  protected static final int NO_PARAM = -1;

  /** Trainable parameters, flat, in {@code state_dict} order. */
  protected final float[] params;
  /** Gradients of the loss, same layout as {@link #params}. */
  protected final float[] grads;
  /** Non-trainable float buffers (BatchNorm running statistics). */
  protected final float[] buffers;
  /** int64 counters ({@code num_batches_tracked}). */
  protected final long[] counters;
  /** Random source for dropout masks, seeded from the constructor's seed. */
  protected final Rng rng;
  /**
   * BatchNorm-folded convolution weights and biases for inference, written only by
   * {@link #computeFoldedParams} (under a lock, see refreshFolded); empty when nothing folds.
   */
  protected final float[] foldedParams;

  private final ModelSpec spec;
  /** Idle inference workspaces, {@code pooled} of them, guarded by the array's lock. */
  private final Workspace[] inferencePool = new Workspace[MAX_POOLED_WORKSPACES];
  private int pooled;
  /** Training workspaces by recency of creation; used only under this model's lock. */
  private final Workspace[] trainingWorkspaces = new Workspace[MAX_TRAINING_WORKSPACES];
  private int nextTrainingSlot;
  private final Parameters parameters;
  private float[] lastInputGradient;
  /** Bumped after every change of {@link #params}, {@link #buffers} or {@link #counters}. */
  private final AtomicLong version = new AtomicLong();
  /** The {@link #version} {@link #foldedParams} was computed from; -1 before the first fold. */
  private volatile long foldedVersion = -1;
  private final Object foldLock = new Object();
  private volatile long foldRefreshes;
  private volatile boolean folding = FOLD_BY_DEFAULT;
  private final PackedWeights packedWeights = new PackedWeights();
  private volatile boolean prepacking = PREPACK_BY_DEFAULT;

  protected GeneratedModel(ModelSpec spec, long seed) {
    this.spec = spec;
    this.params = new float[spec.paramSize];
    this.grads = new float[spec.paramSize];
    this.buffers = new float[spec.bufferSize];
    this.counters = new long[spec.counterSize];
    this.foldedParams = new float[spec.foldedSize];
    this.rng = new Rng(seed ^ 0x5DEECE66DL);
    this.parameters = new FlatParameters(spec, params, buffers, counters, this::changed);
    initialise(new Rng(seed));
  }

  /**
   * Writes {@link #foldedParams} from the current parameters and running statistics
   * ({@code BatchNormFolding.fold} per folded convolution). Generated when the network folds anything.
   */
  protected void computeFoldedParams() {}

  /** Records that parameters, buffers or counters changed: the folded weights are stale. */
  private void changed() {
    version.incrementAndGet();
  }

  /**
   * Turns BatchNorm folding in {@link #predict} on or off (default on, or
   * {@code -Dstaticnet.fold=false}); results agree either way to float rounding. Not to be called
   * while another thread predicts.
   */
  public final void setBatchNormFolding(boolean enabled) {
    folding = enabled;
  }

  /**
   * Turns weight pre-packing in {@link #predict} on or off (default on, or
   * {@code -Dstaticnet.prepack=false}); results are identical either way.
   */
  public final void setWeightPrepacking(boolean enabled) {
    prepacking = enabled;
  }

  /** Whether {@link #predict} reads weights from pre-packed panels. */
  public final boolean weightPrepacking() {
    return prepacking;
  }

  /** Whether {@link #predict} runs folded: folding is on and the network has a Conv2d + BatchNorm to fold. */
  public final boolean batchNormFolding() {
    return folding && spec.foldedSize > 0;
  }

  /** How many times the folded weights were recomputed (once per change of the parameters that a predict saw). */
  public final long foldRefreshes() {
    return foldRefreshes;
  }

  /** Recomputes {@link #foldedParams} if the parameters changed since; safe from many predicting threads. */
  private void refreshFolded() {
    if (foldedVersion == version.get()) {
      return;
    }
    synchronized (foldLock) {
      long v = version.get();
      if (foldedVersion != v) {
        computeFoldedParams();
        foldRefreshes++;
        foldedVersion = v; // volatile write publishes foldedParams to the threads that read it equal
      }
    }
  }

  /** Fills {@link #params} and {@link #buffers} with their initial values. */
  protected abstract void initialise(Rng rng);

  /** Forward pass over {@code ws.batch} samples from {@code ws.act[0]} to the last slot. */
  protected abstract void forward(Workspace ws, boolean training);

  /**
   * Backward pass of the forward pass just run in the same mode: given the loss gradient in the
   * last slot of {@code ws.grad}, ADDS the gradients of every slot and of every parameter into
   * {@code ws.grad} and {@link #grads} ({@code ws.grad[0]} is {@code null} when the input gradient
   * is not wanted).
   */
  protected abstract void backward(Workspace ws, boolean training);

  @Override
  public final Shape inputShape() {
    return spec.input;
  }

  @Override
  public final Shape outputShape() {
    return spec.output;
  }

  @Override
  public final long parameterCount() {
    return spec.paramSize;
  }

  @Override
  public final List<Layer> layers() {
    return spec.layers;
  }

  @Override
  public final Parameters parameters() {
    return parameters;
  }

  /**
   * The state of the random stream that draws dropout masks (see {@link Rng#save}); checkpoints
   * store it so that training resumes with the masks it would have drawn.
   */
  public final synchronized long[] randomState() {
    return rng.save();
  }

  /** Continues the dropout random stream from a state returned by {@link #randomState}. */
  public final synchronized void restoreRandomState(long[] state) {
    rng.restore(state);
  }

  @Override
  public final String summary() {
    return spec.summary;
  }

  @Override
  public final float[] predict(float[] input, int batch) {
    float[] out = new float[checkedOutputLength(batch)];
    predict(input, batch, out);
    return out;
  }

  @Override
  public final void predict(float[] input, int batch, float[] output) {
    checkInput(input, batch);
    int outLength = checkedOutputLength(batch);
    if (output == null || output.length != outLength) {
      throw new IllegalArgumentException(spec.network + ": output needs " + outLength + " floats (batch " + batch
          + " x " + spec.output + "), got " + (output == null ? "null" : output.length));
    }
    boolean fold = batchNormFolding();
    if (fold) {
      refreshFolded();
    }
    boolean prepack = prepacking;
    if (prepack) {
      packedWeights.sync(version.get());
    }
    Workspace ws = borrowInferenceWorkspace(batch, fold);
    try {
      ws.act[0] = input;
      ws.packed = prepack ? packedWeights : null;
      forward(ws, false);
      System.arraycopy(ws.act[ws.act.length - 1], 0, output, 0, outLength);
    } finally {
      ws.act[0] = null;
      ws.packed = null;
      returnInferenceWorkspace(ws);
    }
  }

  @Override
  public final synchronized float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer) {
    checkOptimizer(optimizer);
    try {
      float loss = forwardBackward(input, labels, null, batch, true, false);
      optimizer.step(params, grads);
      return loss;
    } finally {
      changed();
    }
  }

  @Override
  public final synchronized float trainStep(float[] input, float[] targets, int batch, Optimizer optimizer) {
    checkOptimizer(optimizer);
    try {
      float loss = forwardBackward(input, null, targets, batch, true, false);
      optimizer.step(params, grads);
      return loss;
    } finally {
      changed();
    }
  }

  /**
   * Forward, loss and backward without an update: afterwards {@link #gradient(String)} and
   * {@link #inputGradient()} hold d(mean loss)/d(tensor). Pass exactly one of labels or targets.
   * In eval mode ({@code training == false}) dropout is off and BatchNorm uses running statistics.
   *
   * @return the mean loss
   */
  public final synchronized float gradients(float[] input, int[] labels, float[] targets, int batch, boolean training) {
    boolean tokens = spec.inputKind == InputKind.TOKENS; // token ids have no gradient
    float loss = forwardBackward(input, labels, targets, batch, training, !tokens);
    lastInputGradient = tokens ? new float[0] : trainingWorkspace(batch).grad[0].clone();
    return loss;
  }

  private float forwardBackward(float[] input, int[] labels, float[] targets, int batch, boolean training,
      boolean inputGradient) {
    checkInput(input, batch);
    checkTargets(labels, targets, batch);
    checkTrainingBatch(batch, training);
    Workspace ws = trainingWorkspace(batch);
    ws.act[0] = input;
    try {
      forward(ws, training);
      ws.computeInputGradient(inputGradient);
      ws.zeroGradients();
      Arrays.fill(grads, 0f);
      float loss = loss(ws.grad[ws.grad.length - 1], ws, labels, targets, batch);
      backward(ws, training);
      return loss;
    } finally {
      ws.act[0] = null;
      if (training) {
        changed(); // running statistics moved
      }
    }
  }

  /** Eval- or train-mode loss without gradients (for finite differences). */
  public final synchronized float loss(float[] input, int[] labels, float[] targets, int batch, boolean training) {
    checkInput(input, batch);
    checkTargets(labels, targets, batch);
    checkTrainingBatch(batch, training);
    Workspace ws = trainingWorkspace(batch);
    ws.act[0] = input;
    try {
      forward(ws, training);
      return loss(null, ws, labels, targets, batch);
    } finally {
      ws.act[0] = null;
      if (training) {
        changed(); // running statistics moved
      }
    }
  }

  /** A copy of the gradient of a trainable tensor from the last {@link #gradients} or training step. */
  public final float[] gradient(String name) {
    ModelSpec.Tensor t = spec.tensor(name);
    if (t.store() != ModelSpec.Store.PARAM) {
      throw new IllegalArgumentException(spec.network + ": '" + name + "' is a buffer and has no gradient");
    }
    return Arrays.copyOfRange(grads, t.offset(), t.offset() + t.size());
  }

  /** A copy of the gradient with respect to the input from the last {@link #gradients} call. */
  public final float[] inputGradient() {
    if (lastInputGradient == null) {
      throw new IllegalStateException(spec.network + ": no gradients computed yet");
    }
    if (spec.inputKind == InputKind.TOKENS) {
      throw new IllegalStateException(spec.network + ": the input is token ids, which have no gradient");
    }
    return lastInputGradient.clone();
  }

  private float loss(float[] dout, Workspace ws, int[] labels, float[] targets, int batch) {
    float[] out = ws.act[ws.act.length - 1];
    int rows = batch * spec.labelsPerSample;
    switch (spec.loss) {
      case CROSS_ENTROPY:
        return Losses.crossEntropy(dout, out, labels, rows, spec.classes);
      case NLL:
        return Losses.nll(dout, out, labels, rows, spec.classes);
      case BCE_WITH_LOGITS:
        return Losses.bceWithLogits(dout, out, targets, out.length);
      case BCE:
        return Losses.bce(dout, out, targets, out.length);
      case MSE:
        return Losses.mse(dout, out, targets, out.length);
      default:
        throw new IllegalStateException(spec.network + " declares no loss (@Network(loss = ...)), so it cannot train");
    }
  }

  private void checkInput(float[] input, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException(spec.network + ": batch must be at least 1, got " + batch);
    }
    int expected = Math.multiplyExact(batch, spec.input.size());
    if (input == null || input.length != expected) {
      throw new IllegalArgumentException(spec.network + ": input needs " + expected + " floats (batch " + batch
          + " x " + spec.input + "), got " + (input == null ? "null" : input.length));
    }
  }

  private int checkedOutputLength(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException(spec.network + ": batch must be at least 1, got " + batch);
    }
    return Math.multiplyExact(batch, spec.output.size());
  }

  private void checkTargets(int[] labels, float[] targets, int batch) {
    switch (spec.loss) {
      case CROSS_ENTROPY:
      case NLL: {
        if (labels == null) {
          throw new IllegalArgumentException(spec.network + ": loss " + spec.loss + " trains on int[] class labels");
        }
        int expected = batch * spec.labelsPerSample;
        if (labels.length != expected) {
          throw new IllegalArgumentException(spec.network + ": labels needs " + expected + " class indices (batch "
              + batch + (spec.labelsPerSample > 1 ? " x " + spec.labelsPerSample + " positions" : "") + "), got "
              + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] < 0 || labels[i] >= spec.classes) {
            throw new IllegalArgumentException(spec.network + ": label " + labels[i] + " at index " + i
                + " is out of range; expected a class index in [0, " + spec.classes + ")");
          }
        }
        break;
      }
      case BCE_WITH_LOGITS:
      case BCE:
      case MSE: {
        if (targets == null) {
          throw new IllegalArgumentException(spec.network + ": loss " + spec.loss + " trains on float[] targets");
        }
        int expected = Math.multiplyExact(batch, spec.output.size());
        if (targets.length != expected) {
          throw new IllegalArgumentException(spec.network + ": targets needs " + expected + " floats (batch " + batch
              + " x " + spec.output + "), got " + targets.length);
        }
        break;
      }
      default:
        throw new IllegalStateException(spec.network + " declares no loss (@Network(loss = ...)), so it cannot train");
    }
  }

  private void checkTrainingBatch(int batch, boolean training) {
    if (training && batch < 2 && spec.batchStatisticsStep != null) {
      throw new IllegalArgumentException(spec.network + ": " + spec.batchStatisticsStep
          + ": Expected more than 1 value per channel when training, got batch " + batch
          + " (BatchNorm over (C) needs a batch of at least 2 in train mode)");
    }
  }

  private static void checkOptimizer(Optimizer optimizer) {
    if (optimizer == null) {
      throw new IllegalArgumentException("trainStep needs an Optimizer, got null");
    }
  }

  /** Takes an idle workspace for this batch size and pass from the pool, or makes one. No allocation when pooled. */
  private Workspace borrowInferenceWorkspace(int batch, boolean folded) {
    synchronized (inferencePool) {
      for (int i = pooled - 1; i >= 0; i--) {
        Workspace ws = inferencePool[i];
        if (ws.batch == batch && ws.folded() == folded) {
          inferencePool[i] = inferencePool[--pooled];
          inferencePool[pooled] = null;
          return ws;
        }
      }
    }
    return new Workspace(spec, batch, false, folded);
  }

  private void returnInferenceWorkspace(Workspace ws) {
    synchronized (inferencePool) {
      if (pooled < MAX_POOLED_WORKSPACES) {
        inferencePool[pooled++] = ws;
      } else {
        // Full: replace the oldest entry, so a new batch size eventually gets pooled too.
        System.arraycopy(inferencePool, 1, inferencePool, 0, MAX_POOLED_WORKSPACES - 1);
        inferencePool[MAX_POOLED_WORKSPACES - 1] = ws;
      }
    }
  }

  /** The training workspace for this batch size; at most {@link #MAX_TRAINING_WORKSPACES} are kept. */
  private Workspace trainingWorkspace(int batch) {
    for (Workspace ws : trainingWorkspaces) {
      if (ws != null && ws.batch == batch) {
        return ws;
      }
    }
    Workspace ws = new Workspace(spec, batch, true, false);
    trainingWorkspaces[nextTrainingSlot] = ws;
    nextTrainingSlot = (nextTrainingSlot + 1) % MAX_TRAINING_WORKSPACES;
    return ws;
  }
}
