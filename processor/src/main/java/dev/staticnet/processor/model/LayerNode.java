package dev.staticnet.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A layer step with inferred shapes and its tensors in {@code state_dict} order.
 *
 * @param element the declaring method, for diagnostics (in a block, the block's method)
 */
public record LayerNode(
    String path,
    StepKind kind,
    Attrs attrs,
    Dims input,
    Dims output,
    List<ParamSpec> params,
    ExecutableElement element) implements Node {

  public LayerNode {
    params = List.copyOf(params);
  }

  @Override
  public long parameterCount() {
    long n = 0;
    for (ParamSpec p : params) {
      if (p.trainable()) {
        n += p.size();
      }
    }
    return n;
  }
}
