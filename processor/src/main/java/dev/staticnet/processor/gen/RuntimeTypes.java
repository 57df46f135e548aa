package dev.staticnet.processor.gen;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to (the processor never loads them). */
final class RuntimeTypes {
  private static final String API = "dev.staticnet";
  private static final String KERNEL = "dev.staticnet.kernel";
  private static final String TRAIN = "dev.staticnet.train";

  static final ClassName GENERATED_MODEL = ClassName.get(API, "GeneratedModel");
  static final ClassName MODEL_SPEC = ClassName.get(API, "ModelSpec");
  static final ClassName WORKSPACE = ClassName.get(API, "Workspace");
  static final ClassName SHAPE = ClassName.get(API, "Shape");
  static final ClassName LAYER = ClassName.get(API, "Layer");
  static final ClassName INPUT_KIND = ClassName.get(API, "InputKind");
  static final ClassName LOSS = ClassName.get(API, "Loss");
  static final ClassName ACTIVATION = ClassName.get(API, "Activation");
  static final ClassName INIT_SCHEME = ClassName.get(API, "InitScheme");

  static final ClassName RNG = ClassName.get(TRAIN, "Rng");
  static final ClassName INIT = ClassName.get(TRAIN, "Init");

  static final ClassName DENSE = ClassName.get(KERNEL, "Dense");
  static final ClassName ACTIVATIONS = ClassName.get(KERNEL, "Activations");
  static final ClassName SOFTMAX = ClassName.get(KERNEL, "Softmax");
  static final ClassName LOG_SOFTMAX = ClassName.get(KERNEL, "LogSoftmax");
  static final ClassName LAYER_NORM = ClassName.get(KERNEL, "LayerNormKernel");
  static final ClassName BATCH_NORM = ClassName.get(KERNEL, "BatchNormKernel");
  static final ClassName BATCH_NORM_FOLDING = ClassName.get(KERNEL, "BatchNormFolding");
  static final ClassName DROPOUT = ClassName.get(KERNEL, "DropoutKernel");
  static final ClassName TENSORS = ClassName.get(KERNEL, "Tensors");
  static final ClassName GRADIENT_WRITE = ClassName.get(KERNEL, "GradientWrite");
  static final ClassName CONV2D = ClassName.get(KERNEL, "Conv2dKernel");
  static final ClassName CONV_GEOMETRY = ClassName.get(KERNEL, "ConvGeometry");
  static final ClassName POOL2D = ClassName.get(KERNEL, "Pool2dKernel");
  static final ClassName POOL_GEOMETRY = ClassName.get(KERNEL, "PoolGeometry");
  static final ClassName GLOBAL_AVG_POOL = ClassName.get(KERNEL, "GlobalAvgPoolKernel");

  private RuntimeTypes() {}
}
