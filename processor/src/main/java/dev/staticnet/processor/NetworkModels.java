package dev.staticnet.processor;

import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.parse.NetworkDecl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Builds the {@link NetworkModel} (names of the interface and of the generated class) from a checked declaration. */
final class NetworkModels {
  private NetworkModels() {}

  static NetworkModel of(NetworkDecl decl, List<Node> steps, Elements elements) {
    TypeElement type = decl.type();
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    Deque<String> names = new ArrayDeque<>();
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      names.addFirst(e.getSimpleName().toString());
    }
    return new NetworkModel(type.getQualifiedName().toString(), elements.getBinaryName(type).toString(), pkg,
        "StaticNet_" + String.join("_", names), decl.input(), decl.inputKind(), decl.loss(), steps, decl.init(), type);
  }
}
