package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of the forward or backward method being written. Slot arrays are declared as locals on
 * first use, just above the statement that needs them, so each step's lines read on their own:
 * <pre>
 * // fc1: Linear (B, 784) -&gt; (B, 500)
 * float[] fc1 = ws.act[1];
 * Dense.forward(ws.packedWeights(), fc1, x, params, FC1_WEIGHT, FC1_BIAS, batch, FC1_IN, FC1_OUT);
 * </pre>
 * Ask for every name a statement (or an if/else) uses before writing it.
 */
final class Pass {
  private final CodeBlock.Builder code = CodeBlock.builder();
  private final Set<String> declared = new HashSet<>();
  private final List<CodeBlock> pending = new ArrayList<>();
  private boolean statements;
  private final Set<Integer> optionalGradients;
  private final GradientWrites gradientWrites;

  /**
   * @param optionalGradients slots whose gradient, like the input's, is {@code null} unless requested
   * @param gradientWrites    for a backward pass, the gradients used so far; {@code null} for a forward pass
   */
  Pass(Set<Integer> optionalGradients, GradientWrites gradientWrites) {
    this.optionalGradients = optionalGradients;
    this.gradientWrites = gradientWrites;
  }

  /** Called before each step's statements. */
  void beginStep() {
    if (gradientWrites != null) {
      gradientWrites.beginStep();
    }
  }

  /**
   * Whether the statement about to write {@code slot}'s gradient is its first writer in the backward
   * pass, which then assigns it whole ({@code GradientWrite.ASSIGN}); see {@link GradientWrites}.
   */
  boolean assignsGradient(Slot slot) {
    if (gradientWrites == null) {
      throw new IllegalStateException("gradients are written in the backward pass only");
    }
    return gradientWrites.assigns(slot);
  }

  /**
   * The last argument of a kernel call about to write {@code slot}'s gradient: {@code ,
   * GradientWrite.ASSIGN} when it is the first writer ({@link #assignsGradient}), else nothing (the
   * kernels' shorter overloads add).
   */
  CodeBlock gradientWrite(Slot slot) {
    return assignsGradient(slot) ? CodeBlock.of(", $T.ASSIGN", RuntimeTypes.GRADIENT_WRITE) : CodeBlock.of("");
  }

  /** The activation array of a slot. */
  String act(Slot s) {
    declare(s.variable(), "ws.act[" + s.index() + "]");
    return s.variable();
  }

  /** The gradient array of a slot ({@code null} at run time for the input when its gradient is not wanted). */
  String grad(Slot s) {
    if (s.cache()) {
      throw new IllegalArgumentException("cache slot " + s.variable() + " has no gradient");
    }
    if (gradientWrites != null) {
      gradientWrites.use(s.index());
    }
    declare(s.gradientVariable(), "ws.grad[" + s.index() + "]");
    return s.gradientVariable();
  }

  /**
   * {@code fold}: whether this is the BatchNorm-folded inference pass ({@code ws.folded()}), read
   * once per method by the steps a fold touches.
   */
  String foldFlag() {
    if (declared.add("fold")) {
      pending.add(CodeBlock.of("boolean fold = ws.folded();\n"));
    }
    return "fold";
  }

  private void declare(String variable, String source) {
    if (declared.add(variable)) {
      pending.add(CodeBlock.of("float[] $L = $L;\n", variable, source));
    }
  }

  void comment(String format, Object... args) {
    code.add("// " + format + "\n", args);
  }

  void blankLine() {
    code.add("\n");
  }

  void statement(String format, Object... args) {
    statements = true;
    flush();
    code.addStatement(format, args);
  }

  void beginIf(String condition) {
    statements = true;
    flush();
    code.beginControlFlow("if ($L)", condition);
  }

  /**
   * Opens {@code if (dX != null) {} when {@code slot} is the input or an optional-gradient slot
   * (see {@link NetworkPlan#optionalGradients}), whose gradient is only computed on request, for
   * kernels that need a gradient array; returns whether it did (close with {@link #end}).
   */
  boolean guardInputGradient(Slot slot) {
    if (slot.index() != 0 && !optionalGradients.contains(slot.index())) {
      return false;
    }
    beginIf(grad(slot) + " != null");
    return true;
  }

  void orElse() {
    code.nextControlFlow("else");
  }

  void orElseIf(String condition) {
    code.nextControlFlow("else if ($L)", condition);
  }

  void end() {
    code.endControlFlow();
  }

  private void flush() {
    for (CodeBlock c : pending) {
      code.add(c);
    }
    pending.clear();
  }

  /** Whether any statement was written (a view-only step writes none). */
  boolean hasStatements() {
    return statements;
  }

  CodeBlock build() {
    flush();
    return code.build();
  }
}
