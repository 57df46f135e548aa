package dev.staticnet.processor.diag;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor can emit: a stable id (printed as {@code [staticnet:<id>]}, also the
 * name a lint is suppressed by), its kind, a headline naming the step and what is wrong, and the fix.
 * Templates use positional {@link String#format} arguments shared by headline and fix.
 */
public enum Message {
  // --- declarations -------------------------------------------------------------------------
  NETWORK_NOT_INTERFACE("declaration", "%1$s: @Network goes on an interface, but %1$s is %2$s",
      "Declare it as 'public interface %1$s extends Model { ... }'."),
  NETWORK_NOT_MODEL("declaration", "%1$s: a @Network interface must extend dev.staticnet.Model",
      "Write 'interface %1$s extends Model'."),
  NETWORK_BAD_INPUT("declaration", "%1$s: @Network(input = %2$s) %3$s",
      "Give the per-sample shape with positive sizes, batch excluded: {784}, {3, 32, 32} or {T, F}."),
  NETWORK_NO_STEPS("declaration", "%1$s: the network declares no steps",
      "Add one abstract method per layer, e.g. '@Linear(out = 10) Layer fc();'."),
  STEP_HAS_PARAMETERS("declaration", "%1$s: a step method takes no parameters, but %1$s declares %2$d",
      "Remove the parameters: the step's input is the previous step's output."),
  STEP_RETURN_TYPE("declaration", "%1$s: a %2$s step returns %3$s, but %1$s returns %4$s",
      "Change the return type to %3$s."),
  STEP_NO_ANNOTATION("declaration", "%1$s: the step has no layer annotation",
      "%2$s"),
  STEP_TWO_ANNOTATIONS("declaration", "%1$s: a step has exactly one layer annotation, but %1$s has %2$s",
      "Split it into one method per layer, or fuse the activation with 'activation = ...'."),
  NOT_A_BLOCK("declaration", "%1$s: returns %2$s, which is not annotated @Block",
      "Annotate %2$s with @Block, or make the step a layer (@Linear ... Layer %1$s())."),
  BLOCK_CYCLE("declaration", "%1$s: block %2$s contains itself",
      "A block cannot use itself, directly or through another block."),
  REPEAT_NOT_LIST("declaration", "%1$s: @Repeat needs a List<Block> return type, but %1$s returns %2$s",
      "Declare it as '@Repeat(n) List<%2$s> %1$s();'."),
  LIST_WITHOUT_REPEAT("declaration", "%1$s: returns a List of blocks but has no @Repeat(n)",
      "Add @Repeat(n), or return the block type itself for one copy."),
  REPEAT_COUNT("declaration", "%1$s: @Repeat(%2$d) needs at least one copy",
      "Use @Repeat(n) with n >= 1."),
  BLOCK_ANNOTATION_ON_LAYER("declaration", "%1$s: @%2$s applies to block steps, but %1$s is a layer",
      "Move the layer into a @Block interface and make the step return it."),
  SHORTCUT_NOT_BLOCK("declaration", "%1$s: @Residual(shortcut = %2$s.class) is not a @Block interface",
      "Annotate %2$s with @Block, or drop 'shortcut' for an identity skip."),
  ATTR_ARRAY_SIZE("declaration", "%1$s: @%2$s(%3$s = %4$s) takes one value (square) or two ({height, width}), not %5$d",
      "Write e.g. '%3$s = 3' or '%3$s = {3, 1}'."),
  ATTR_RANGE("declaration", "%1$s: @%2$s(%3$s = %4$s) %5$s",
      "%6$s"),
  RNN_NONLINEARITY("declaration", "%1$s: @RNN(nonlinearity = %2$s) supports only TANH and RELU (as PyTorch's nn.RNN)",
      "Use nonlinearity = Activation.TANH or Activation.RELU."),

  // --- shapes ---------------------------------------------------------------------------------
  LINEAR_IN("shape", "%1$s: @Linear(in = %2$d) expects %2$d input features, but %3$s produces %4$d%5$s",
      "Use @Linear(in = %4$d, ...) or drop 'in' to infer it."),
  CONV_IN("shape", "%1$s: @Conv2d(in = %2$d) expects %2$d input channels, but %3$s produces %4$s (%5$d channels)",
      "Use @Conv2d(in = %5$d, ...) or drop 'in' to infer it."),
  RANK("shape", "%1$s: @%2$s needs %3$s, but %4$s produces %5$s",
      "%6$s"),
  SPATIAL_TOO_SMALL("shape", "%1$s: @%2$s on %3$s gives an output of %4$s: the window does not fit (window %5$s, input %6$s after padding, from %7$s)",
      "Use a smaller kernel/dilation, more padding, or a larger input."),
  POOL_PADDING("shape", "%1$s: @%2$s(padding = %3$s) pads more than half the window %4$s (PyTorch requires padding <= kernel/2)",
      "Use padding <= %5$s, or a larger kernel."),
  GROUPS("shape", "%1$s: @Conv2d(groups = %2$d) must divide both the input channels (%3$d, from %4$s) and out (%5$d)",
      "Pick groups among the common divisors of %3$d and %5$d."),
  HEADS("shape", "%1$s: @MultiHeadAttention(heads = %2$d) must divide the model width D = %3$d (from %4$s)",
      "Use a head count that divides %3$d, e.g. heads = %5$d."),
  TOKENS_FIRST("shape", "%1$s: a TOKENS network's first step must be @Embedding, but %1$s is @%2$s",
      "Insert '@Embedding(vocab = ..., dim = ...) Layer embed();' as the first step."),
  EMBEDDING_FLOAT("shape", "%1$s: @Embedding reads integer token ids, but %2$s produces float values %3$s",
      "Declare @Network(inputKind = InputKind.TOKENS, input = {T}) and make @Embedding the first step."),
  EXPECT_SHAPE("shape", "%1$s: @ExpectShape(%2$s) but the step produces %3$s",
      "Fix the layers above, or update @ExpectShape to %4$s."),
  RESIDUAL_MISMATCH("shape", "%1$s: @Residual adds two branches of different shapes: the block produces %2$s but %3$s gives %4$s",
      "Make the block keep its input shape, or add a shortcut block that maps %5$s to %2$s (@Residual(shortcut = ...))."),
  LOSS_SHAPE("shape", "%1$s: loss = %2$s needs logits of shape (K) or (T, K), but the network produces %3$s",
      "End the network with e.g. @Linear(out = K), or choose loss = MSE / BCE_WITH_LOGITS."),

  // --- parameter count -------------------------------------------------------------------------
  PARAMS("params", "%1$s: @Network(params = %2$d) but the layers have %3$d trainable parameters (%4$s)",
      "Use params = %3$d if the layers are right, or fix the layer sizes."),

  // --- generation --------------------------------------------------------------------------------
  UNSUPPORTED("unsupported", "%1$s: code generation for @%2$s is not available yet; the summary was written, but no %3$s class",
      "Shapes and parameters check out; generation for @%2$s arrives in a later StaticNet version."),
  INTERNAL("internal", "%1$s: the StaticNet processor failed on this network: %2$s",
      "This is a bug in StaticNet, not in your code; please report it with the declaration."),

  // --- lints (warnings) --------------------------------------------------------------------------
  DOUBLE_SOFTMAX("double-softmax", Diagnostic.Kind.WARNING,
      "%1$s: @Softmax feeds loss = CROSS_ENTROPY, which applies softmax itself: the loss sees softmax(softmax(x))",
      "Remove the @Softmax step (CROSS_ENTROPY takes logits), or use @LogSoftmax with loss = NLL."),
  LINEAR_COLLAPSE("linear-collapse", Diagnostic.Kind.WARNING,
      "%1$s: @%2$s has no activation and feeds '%3$s' %4$s: together they are one affine map",
      "Add 'activation = Activation.RELU' (or an activation step) between them, or merge them into one layer."),
  BIAS_BEFORE_NORM("bias-before-norm", Diagnostic.Kind.WARNING,
      "%1$s: the bias of @%2$s feeds '%3$s' (@BatchNorm), which subtracts the mean and cancels it",
      "Use @%2$s(bias = false, ...): %4$d parameters fewer, same function."),
  FLOOR_DIVISION("floor-division", Diagnostic.Kind.WARNING,
      "%1$s: @%2$s on %3$s does not tile the input: the last %4$s never reach the output %5$s",
      "Adjust padding/stride or the input size so that (size + 2*padding - kernel) is a multiple of the stride.");

  private final String id;
  private final Diagnostic.Kind kind;
  private final String headline;
  private final String fix;

  Message(String id, String headline, String fix) {
    this(id, Diagnostic.Kind.ERROR, headline, fix);
  }

  Message(String id, Diagnostic.Kind kind, String headline, String fix) {
    this.id = id;
    this.kind = kind;
    this.headline = headline;
    this.fix = fix;
  }

  /** The stable id, as printed in brackets: {@code shape}, {@code double-softmax}. */
  public String id() {
    return id;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The tag users search and suppress by: {@code staticnet:double-softmax}. */
  public String tag() {
    return "staticnet:" + id;
  }

  /**
   * The full text: {@code [staticnet:id] headline}, the optional detail (a shape table) indented,
   * and the fix on its own line.
   */
  public String format(String detail, Object... args) {
    StringBuilder b = new StringBuilder("[").append(tag()).append("] ").append(String.format(headline, args));
    if (detail != null && !detail.isEmpty()) {
      b.append('\n').append(detail.stripTrailing());
    }
    b.append("\n  ").append(String.format(fix, args));
    return b.toString();
  }
}
