package dev.staticnet.processor.gen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The interface's step methods: a layer step returns its {@code Layer}; a block step returns a view
 * of the block (a nested class per {@code @Block} interface, e.g. {@code BasicBlockSteps}) whose
 * methods return the inner steps; a {@code @Repeat} step returns a list of views.
 */
final class StepMethodsWriter {
  private final Map<TypeName, TypeSpec> blockViews = new LinkedHashMap<>();

  /** The step methods of the top-level interface. */
  List<MethodSpec> stepMethods(List<Node> steps) {
    return methods(steps, "", "");
  }

  /** The nested block view classes the step methods use. */
  List<TypeSpec> blockViews() {
    return new ArrayList<>(blockViews.values());
  }

  /**
   * @param parentPath path of the enclosing block ({@code ""} at the top level)
   * @param prefix     the Java expression prefixing names inside a view ({@code "prefix + "} or {@code ""})
   */
  private List<MethodSpec> methods(List<Node> nodes, String parentPath, String prefix) {
    List<MethodSpec> methods = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      if (node instanceof LayerNode layer) {
        String name = relative(layer.path(), parentPath);
        methods.add(MethodSpec.methodBuilder(name)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(RuntimeTypes.LAYER)
            .addStatement("return SPEC.layer($L$S)", prefix, name)
            .build());
        continue;
      }
      BlockNode block = (BlockNode) node;
      if (block.element() == null) {
        continue; // a hand-built model without elements: there is no interface method to implement
      }
      TypeMirror returnType = block.element().getReturnType();
      String method = block.element().getSimpleName().toString();
      if (isList(returnType)) {
        TypeName blockType = TypeName.get(((DeclaredType) returnType).getTypeArguments().get(0));
        ClassName view = view(blockType, block);
        List<CodeBlock> copies = new ArrayList<>();
        int j = i;
        while (j < nodes.size() && nodes.get(j) instanceof BlockNode copy && copy.element().equals(block.element())) {
          copies.add(CodeBlock.of("new $T($L$S)", view, prefix, relative(copy.path(), parentPath) + "."));
          j++;
        }
        i = j - 1;
        methods.add(MethodSpec.methodBuilder(method)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(List.class), blockType))
            .addStatement("return $T.of($L)", List.class, CodeBlock.join(copies, ", "))
            .build());
      } else {
        TypeName blockType = TypeName.get(returnType);
        ClassName view = view(blockType, block);
        methods.add(MethodSpec.methodBuilder(method)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(blockType)
            .addStatement("return new $T($L$S)", view, prefix, relative(block.path(), parentPath) + ".")
            .build());
      }
    }
    return methods;
  }

  /** The view class of a block interface, written on first use. */
  private ClassName view(TypeName blockType, BlockNode example) {
    ClassName view = ClassName.get("", viewName(blockType));
    if (!blockViews.containsKey(blockType)) {
      blockViews.put(blockType, null); // reserve: nested blocks may be written first
      TypeSpec type = TypeSpec.classBuilder(view.simpleName())
          .addJavadoc("The steps of one copy of {@link $T}, named {@code <prefix><step>}.\n", blockType)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addSuperinterface(blockType)
          .addField(FieldSpec.builder(String.class, "prefix", Modifier.PRIVATE, Modifier.FINAL).build())
          .addMethod(MethodSpec.constructorBuilder()
              .addParameter(String.class, "prefix")
              .addStatement("this.prefix = prefix")
              .build())
          .addMethods(methods(example.body(), example.path(), "prefix + "))
          .build();
      blockViews.put(blockType, type);
    }
    return view;
  }

  private static String viewName(TypeName blockType) {
    TypeName raw = blockType instanceof ParameterizedTypeName p ? p.rawType() : blockType;
    if (raw instanceof ClassName c) {
      return String.join("_", c.simpleNames()) + "Steps";
    }
    throw new IllegalArgumentException("a block step must return an interface type, got " + blockType);
  }

  private static boolean isList(TypeMirror type) {
    return type instanceof DeclaredType d
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.util.List");
  }

  private static String relative(String path, String parentPath) {
    return parentPath.isEmpty() ? path : path.substring(parentPath.length() + 1);
  }
}
