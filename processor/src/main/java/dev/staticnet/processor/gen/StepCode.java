package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;

/**
 * The generated code of one operation: its constants, its initialisation, and its forward and
 * backward statements. Backward statements ADD into gradient arrays (the caller zeroes them).
 */
interface StepCode {
  /** One line naming the step and its shapes, written above its forward and backward code. */
  String description();

  /** Declares the step's constants (tensor offsets are declared by the generator). */
  void constants(Constants c);

  /** Initial values of the step's tensors, in {@code state_dict} order. */
  default void initialise(CodeBlock.Builder code) {}

  /** Statements of {@code computeFoldedParams()}: the folded weights this step owns, if any. */
  default void fold(CodeBlock.Builder code) {}

  void forward(Pass p);

  void backward(Pass p);

  /** {@code batch} or {@code batch * FC1_POSITIONS}: rows of a kernel that treats leading axes as batch. */
  static String rows(String positionsConstant) {
    return positionsConstant == null ? "batch" : "batch * " + positionsConstant;
  }
}
