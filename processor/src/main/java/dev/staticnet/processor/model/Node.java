package dev.staticnet.processor.model;

/**
 * One node of a resolved network: a layer step, or an inlined block (possibly residual). Nodes
 * carry their fully dotted path ({@code stage1.0.conv1}) and their input and output shapes.
 */
public sealed interface Node permits LayerNode, BlockNode {
  /** Dotted path from the network root; parameter names are {@code path + "." + param.name}. */
  String path();

  Dims input();

  Dims output();

  /** Trainable parameters of this node and everything inside it. */
  long parameterCount();
}
