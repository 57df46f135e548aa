package dev.staticnet.processor.gen;

import com.palantir.javapoet.ClassName;

/** The runtime types of the sequence steps' generated code (the processor never loads them). */
final class SequenceTypes {
  private static final String KERNEL = "dev.staticnet.kernel";

  static final ClassName POOL_MODE = ClassName.get("dev.staticnet", "PoolMode");
  static final ClassName EMBEDDING = ClassName.get(KERNEL, "EmbeddingKernel");
  static final ClassName POSITIONAL_EMBEDDING = ClassName.get(KERNEL, "PositionalEmbeddingKernel");
  static final ClassName RNN = ClassName.get(KERNEL, "RnnKernel");
  static final ClassName LSTM = ClassName.get(KERNEL, "LstmKernel");
  static final ClassName GRU = ClassName.get(KERNEL, "GruKernel");
  static final ClassName ATTENTION = ClassName.get(KERNEL, "AttentionKernel");
  static final ClassName SEQUENCE_POOL = ClassName.get(KERNEL, "SequencePoolKernel");

  private SequenceTypes() {}
}
