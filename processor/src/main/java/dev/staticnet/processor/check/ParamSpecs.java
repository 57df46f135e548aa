package dev.staticnet.processor.check;

import static dev.staticnet.processor.model.ParamSpec.Role.BIAS;
import static dev.staticnet.processor.model.ParamSpec.Role.BUFFER_ONE;
import static dev.staticnet.processor.model.ParamSpec.Role.BUFFER_ZERO;
import static dev.staticnet.processor.model.ParamSpec.Role.COUNTER;
import static dev.staticnet.processor.model.ParamSpec.Role.NORM_BIAS;
import static dev.staticnet.processor.model.ParamSpec.Role.NORM_WEIGHT;
import static dev.staticnet.processor.model.ParamSpec.Role.WEIGHT;

import dev.staticnet.processor.model.Attrs;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.ParamSpec;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer's tensors with PyTorch {@code state_dict} names, shapes and order (SEMANTICS.md table).
 * Fans follow {@code torch.nn.init._calculate_fan_in_and_fan_out} on the weight ({@code fan_in =
 * size(1)·receptive field}, {@code fan_out = size(0)·receptive field}); a bias carries its weight's
 * fans (its default bound is {@code 1/√fan_in}). Recurrent tensors carry {@code fanIn = H}, the
 * hidden size that sets their default bound {@code 1/√H}.
 */
public final class ParamSpecs {
  private ParamSpecs() {}

  /** Tensors of a layer of {@code kind} receiving {@code in} (known) and producing {@code out}. */
  public static List<ParamSpec> of(StepKind kind, Attrs a, Dims in, Dims out) {
    List<ParamSpec> p = new ArrayList<>();
    switch (kind) {
      case LINEAR -> {
        int f = in.last();
        p.add(new ParamSpec("weight", Dims.of(a.out(), f), WEIGHT, f, a.out()));
        if (a.bias()) {
          p.add(new ParamSpec("bias", Dims.of(a.out()), BIAS, f, a.out()));
        }
      }
      case CONV2D -> {
        int inPerGroup = in.get(0) / a.groups();
        int field = a.kernel()[0] * a.kernel()[1];
        int fanIn = inPerGroup * field;
        int fanOut = a.out() * field;
        p.add(new ParamSpec("weight", Dims.of(a.out(), inPerGroup, a.kernel()[0], a.kernel()[1]), WEIGHT, fanIn,
            fanOut));
        if (a.bias()) {
          p.add(new ParamSpec("bias", Dims.of(a.out()), BIAS, fanIn, fanOut));
        }
      }
      case BATCH_NORM -> {
        int c = in.get(0);
        if (a.affine()) {
          p.add(new ParamSpec("weight", Dims.of(c), NORM_WEIGHT, 0, 0));
          p.add(new ParamSpec("bias", Dims.of(c), NORM_BIAS, 0, 0));
        }
        p.add(new ParamSpec("running_mean", Dims.of(c), BUFFER_ZERO, 0, 0));
        p.add(new ParamSpec("running_var", Dims.of(c), BUFFER_ONE, 0, 0));
        p.add(new ParamSpec("num_batches_tracked", Dims.of(), COUNTER, 0, 0)); // int64 scalar
      }
      case LAYER_NORM -> {
        if (a.affine()) {
          p.add(new ParamSpec("weight", Dims.of(in.last()), NORM_WEIGHT, 0, 0));
          p.add(new ParamSpec("bias", Dims.of(in.last()), NORM_BIAS, 0, 0));
        }
      }
      case EMBEDDING -> p.add(new ParamSpec("weight", Dims.of(a.vocab(), a.dim()), WEIGHT, a.dim(), a.vocab()));
      case POSITIONAL_EMBEDDING -> p.add(new ParamSpec("weight", Dims.of(in.get(0), in.get(1)), WEIGHT, in.get(1),
          in.get(0)));
      case RNN, LSTM, GRU -> {
        int gates = kind == StepKind.LSTM ? 4 : kind == StepKind.GRU ? 3 : 1;
        int h = a.hidden();
        int rows = gates * h;
        p.add(new ParamSpec("weight_ih_l0", Dims.of(rows, in.get(1)), WEIGHT, h, rows));
        p.add(new ParamSpec("weight_hh_l0", Dims.of(rows, h), WEIGHT, h, rows));
        p.add(new ParamSpec("bias_ih_l0", Dims.of(rows), BIAS, h, rows));
        p.add(new ParamSpec("bias_hh_l0", Dims.of(rows), BIAS, h, rows));
      }
      case MULTI_HEAD_ATTENTION -> {
        int e = in.get(1);
        p.add(new ParamSpec("in_proj_weight", Dims.of(3 * e, e), WEIGHT, e, 3 * e)); // q; k; v stacked
        if (a.bias()) {
          p.add(new ParamSpec("in_proj_bias", Dims.of(3 * e), BIAS, e, 3 * e));
        }
        if (a.outProjection()) {
          p.add(new ParamSpec("out_proj.weight", Dims.of(e, e), WEIGHT, e, e));
          if (a.bias()) {
            p.add(new ParamSpec("out_proj.bias", Dims.of(e), BIAS, e, e));
          }
        }
      }
      default -> { } // no tensors: Flatten, pools, Dropout, activations, SequencePool
    }
    return p;
  }
}
