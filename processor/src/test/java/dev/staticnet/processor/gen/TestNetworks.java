package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.model.ParamSpec;
import dev.staticnet.processor.model.ParamSpec.Role;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;

/** Hand-built {@link NetworkModel}s, as the front half would resolve them. */
final class TestNetworks {
  private final String name;
  private final Dims input;
  private final String loss;
  private final List<Node> steps = new ArrayList<>();
  private Dims current;

  TestNetworks(String name, String loss, int... input) {
    this.name = name;
    this.loss = loss;
    this.input = Dims.of(input);
    this.current = this.input;
  }

  NetworkModel build() {
    return new NetworkModel("com.example." + name, "com.example." + name, "com.example", "StaticNet_" + name, input,
        "FLOAT", loss, steps, null, null);
  }

  private static Attrs attrs(int out, boolean bias, String activation, double eps, double momentum, boolean affine,
      double p, double slope) {
    Attrs d = Attrs.defaults();
    return new Attrs(out, d.in(), bias, activation, d.kernel(), d.stride(), d.padding(), d.dilation(), d.groups(), eps,
        momentum, affine, p, slope, d.vocab(), d.dim(), d.hidden(), d.nonlinearity(), d.returnSequences(), d.heads(),
        d.causal(), d.outProjection(), d.poolMode(), d.initScheme(), d.initStd());
  }

  private TestNetworks add(String path, StepKind kind, Attrs attrs, Dims out, List<ParamSpec> params) {
    steps.add(new LayerNode(path, kind, attrs, current, out, params, null));
    current = out;
    return this;
  }

  TestNetworks linear(String path, int out, String activation) {
    return linear(path, out, true, activation);
  }

  TestNetworks linear(String path, int out, boolean bias, String activation) {
    int in = current.last();
    int[] shape = current.toArray();
    shape[shape.length - 1] = out;
    List<ParamSpec> params = new ArrayList<>();
    params.add(new ParamSpec("weight", Dims.of(out, in), Role.WEIGHT, in, out));
    if (bias) {
      params.add(new ParamSpec("bias", Dims.of(out), Role.BIAS, in, out));
    }
    Attrs d = Attrs.defaults();
    return add(path, StepKind.LINEAR, attrs(out, bias, activation, d.eps(), d.momentum(), true, 0, d.slope()),
        Dims.of(shape), params);
  }

  TestNetworks elementwise(String path, StepKind kind) {
    return add(path, kind, Attrs.defaults(), current, List.of());
  }

  TestNetworks flatten(String path) {
    return add(path, StepKind.FLATTEN, Attrs.defaults(), Dims.of((int) current.size()), List.of());
  }

  TestNetworks dropout(String path, double p) {
    Attrs d = Attrs.defaults();
    return add(path, StepKind.DROPOUT, attrs(-1, true, "NONE", d.eps(), d.momentum(), true, p, d.slope()), current,
        List.of());
  }

  TestNetworks layerNorm(String path, boolean affine) {
    int n = current.last();
    List<ParamSpec> params = affine
        ? List.of(new ParamSpec("weight", Dims.of(n), Role.NORM_WEIGHT, 0, 0),
            new ParamSpec("bias", Dims.of(n), Role.NORM_BIAS, 0, 0))
        : List.of();
    return add(path, StepKind.LAYER_NORM, attrs(-1, true, "NONE", 1e-5, 0.1, affine, 0, 0.01), current, params);
  }

  TestNetworks batchNorm(String path, boolean affine) {
    int c = current.get(0);
    List<ParamSpec> params = new ArrayList<>();
    if (affine) {
      params.add(new ParamSpec("weight", Dims.of(c), Role.NORM_WEIGHT, 0, 0));
      params.add(new ParamSpec("bias", Dims.of(c), Role.NORM_BIAS, 0, 0));
    }
    params.add(new ParamSpec("running_mean", Dims.of(c), Role.BUFFER_ZERO, 0, 0));
    params.add(new ParamSpec("running_var", Dims.of(c), Role.BUFFER_ONE, 0, 0));
    params.add(new ParamSpec("num_batches_tracked", Dims.of(), Role.COUNTER, 0, 0));
    return add(path, StepKind.BATCH_NORM, attrs(-1, true, "NONE", 1e-5, 0.1, affine, 0, 0.01), current, params);
  }
}
