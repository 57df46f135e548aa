package dev.staticnet.processor.parse;

import dev.staticnet.processor.model.StepKind;
import java.util.Locale;
import java.util.Map;

/**
 * "Did you mean …?" for a step without a layer annotation: step names usually say what the layer
 * is ({@code relu}, {@code fc1}, {@code conv2}, {@code bn}), so the fix can name the annotation.
 */
final class LayerSuggestion {
  private LayerSuggestion() {}

  /** Name prefixes, lower-case, checked in order (longest first where one contains another). */
  private static final Map<String, StepKind> PREFIXES = Map.ofEntries(
      Map.entry("leakyrelu", StepKind.LEAKY_RELU), Map.entry("relu", StepKind.RELU),
      Map.entry("logsoftmax", StepKind.LOG_SOFTMAX), Map.entry("softmax", StepKind.SOFTMAX),
      Map.entry("sigmoid", StepKind.SIGMOID), Map.entry("tanh", StepKind.TANH), Map.entry("gelu", StepKind.GELU),
      Map.entry("dropout", StepKind.DROPOUT), Map.entry("drop", StepKind.DROPOUT),
      Map.entry("flatten", StepKind.FLATTEN), Map.entry("flat", StepKind.FLATTEN),
      Map.entry("linear", StepKind.LINEAR), Map.entry("fc", StepKind.LINEAR), Map.entry("dense", StepKind.LINEAR),
      Map.entry("conv", StepKind.CONV2D), Map.entry("maxpool", StepKind.MAX_POOL2D),
      Map.entry("avgpool", StepKind.AVG_POOL2D), Map.entry("gap", StepKind.GLOBAL_AVG_POOL),
      Map.entry("batchnorm", StepKind.BATCH_NORM), Map.entry("bn", StepKind.BATCH_NORM),
      Map.entry("layernorm", StepKind.LAYER_NORM), Map.entry("ln", StepKind.LAYER_NORM),
      Map.entry("embed", StepKind.EMBEDDING), Map.entry("lstm", StepKind.LSTM), Map.entry("gru", StepKind.GRU),
      Map.entry("rnn", StepKind.RNN), Map.entry("attn", StepKind.MULTI_HEAD_ATTENTION),
      Map.entry("attention", StepKind.MULTI_HEAD_ATTENTION));

  /** The fix line for a step named {@code step} that has no layer annotation. */
  static String forStep(String step) {
    String lower = step.toLowerCase(Locale.ROOT).replace("_", "");
    String best = null;
    for (String prefix : PREFIXES.keySet()) {
      if (lower.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    String generic = "Add exactly one layer annotation (@Linear, @Conv2d, @ReLU, ...), or return a @Block interface.";
    if (best == null) {
      return generic;
    }
    StepKind kind = PREFIXES.get(best);
    return "Did you mean '@" + kind.simpleAnnotation() + example(kind) + " Layer " + step + "();'? " + generic;
  }

  private static String example(StepKind kind) {
    return switch (kind) {
      case LINEAR -> "(out = ...)";
      case CONV2D -> "(out = ..., kernel = ...)";
      case MAX_POOL2D, AVG_POOL2D -> "(kernel = ...)";
      case DROPOUT -> "(p = ...)";
      case EMBEDDING -> "(vocab = ..., dim = ...)";
      case LSTM, GRU, RNN -> "(hidden = ...)";
      case MULTI_HEAD_ATTENTION -> "(heads = ...)";
      default -> "";
    };
  }
}
