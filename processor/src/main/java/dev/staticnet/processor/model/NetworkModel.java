package dev.staticnet.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A network whose shapes and parameter counts check out: what the summary writer and the code
 * generator consume.
 *
 * @param qualifiedName interface's canonical name, {@code com.example.LeNet5} or {@code com.example.Outer.Inner}
 * @param binaryName    {@code com.example.Outer$Inner}: names the summary resources
 * @param packageName   package of the interface (and of the generated class)
 * @param generatedName simple name of the generated class: {@code StaticNet_LeNet5}, {@code StaticNet_Outer_Inner}
 * @param inputKind     {@code FLOAT} or {@code TOKENS}
 * @param loss          {@code dev.staticnet.Loss} constant name
 * @param steps         top-level nodes in order
 * @param networkInit   the {@code @Init} on the interface, or {@code null}
 */
public record NetworkModel(
    String qualifiedName,
    String binaryName,
    String packageName,
    String generatedName,
    Dims input,
    String inputKind,
    String loss,
    List<Node> steps,
    InitSpec networkInit,
    TypeElement element) {

  public NetworkModel {
    steps = List.copyOf(steps);
  }

  public Dims output() {
    return steps.isEmpty() ? input : steps.get(steps.size() - 1).output();
  }

  public long parameterCount() {
    long n = 0;
    for (Node s : steps) {
      n += s.parameterCount();
    }
    return n;
  }

  /** An {@code @Init(scheme, std)}. */
  public record InitSpec(String scheme, double std) {}
}
