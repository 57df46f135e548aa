package dev.staticnet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.staticnet.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.staticnet.processor.gen.SummaryWriter;
import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.ParamSpec;
import dev.staticnet.processor.model.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The {@link NetworkModel} handed to the generator: paths, attributes, tensors with state_dict names. */
class ModelContractTest {
  /** Compiles {@code files} and returns the model of the network named {@code name}. */
  private static NetworkModel model(String name, JavaFileObject... files) {
    List<NetworkModel> seen = new ArrayList<>();
    StaticNetProcessor processor = new StaticNetProcessor((model, summary) -> {
      seen.add(model);
      return JavaFile.builder(model.packageName(), TypeSpec.classBuilder(model.generatedName()).build()).build();
    }, EnumSet.allOf(StepKind.class));
    Compilation c = Compiler.javac().withProcessors(processor).compile(files);
    assertThat(c).succeededWithoutWarnings();
    return seen.stream().filter(m -> m.qualifiedName().equals("test." + name)).findFirst().orElseThrow();
  }

  private static LayerNode layer(NetworkModel m, String path) {
    return SummaryWriter.layers(m).stream().filter(l -> l.path().equals(path)).findFirst().orElseThrow();
  }

  private static String tensors(LayerNode l) {
    return l.params().stream().map(p -> p.name() + " " + p.shape() + " " + p.role())
        .collect(Collectors.joining(", "));
  }

  @Test
  void convBatchNormAndLinearTensors() {
    NetworkModel m = model("Cnn", source("Cnn", """
        @Network(input = {3, 16, 16}, loss = Loss.CROSS_ENTROPY)
        @Init(scheme = InitScheme.KAIMING_NORMAL)
        public interface Cnn extends Model {
          @Conv2d(out = 8, kernel = {3, 5}, padding = {1, 2}, groups = 1, bias = false) Layer conv();
          @BatchNorm(momentum = 0.2) Layer bn();
          @ReLU Layer relu();
          @MaxPool2d(kernel = 2) Layer pool();
          @Flatten Layer flat();
          @Init(scheme = InitScheme.NORMAL, std = 0.5) @Linear(out = 10) Layer fc();
        }
        """));
    LayerNode conv = layer(m, "conv");
    assertThat(tensors(conv)).isEqualTo("weight 8x3x3x5 WEIGHT");
    assertThat(conv.params().get(0).fanIn()).isEqualTo(3 * 15);
    assertThat(conv.params().get(0).fanOut()).isEqualTo(8 * 15);
    assertThat(conv.attrs().kernel()).asList().containsExactly(3, 5).inOrder();
    assertThat(conv.attrs().padding()).asList().containsExactly(1, 2).inOrder();
    LayerNode bn = layer(m, "bn");
    assertThat(tensors(bn)).isEqualTo("weight 8 NORM_WEIGHT, bias 8 NORM_BIAS, running_mean 8 BUFFER_ZERO, "
        + "running_var 8 BUFFER_ONE, num_batches_tracked  COUNTER");
    assertThat(bn.params().get(4).shape()).isEqualTo(Dims.of());
    assertThat(bn.attrs().momentum()).isEqualTo(0.2);
    assertThat(bn.parameterCount()).isEqualTo(16);
    LayerNode pool = layer(m, "pool");
    assertThat(pool.attrs().stride()).asList().containsExactly(2, 2).inOrder(); // defaults to the kernel
    assertThat(pool.output()).isEqualTo(Dims.of(8, 8, 8));
    LayerNode fc = layer(m, "fc");
    assertThat(tensors(fc)).isEqualTo("weight 10x512 WEIGHT, bias 10 BIAS");
    assertThat(fc.params().get(1).fanIn()).isEqualTo(512);
    assertThat(fc.input()).isEqualTo(Dims.of(512));
    assertThat(fc.attrs().initScheme()).isEqualTo("NORMAL");
    assertThat(fc.attrs().initStd()).isEqualTo(0.5);
    assertThat(m.networkInit()).isEqualTo(new NetworkModel.InitSpec("KAIMING_NORMAL", 0.01));
    assertThat(m.loss()).isEqualTo("CROSS_ENTROPY");
    assertThat(m.output()).isEqualTo(Dims.of(10));
  }

  @Test
  void sequenceTensorsFollowPyTorchNames() {
    NetworkModel m = model("Seq", source("Seq", """
        @Network(input = 12, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
        public interface Seq extends Model {
          @Embedding(vocab = 50, dim = 16) Layer embed();
          @PositionalEmbedding Layer pos();
          @MultiHeadAttention(heads = 4, causal = true) Layer attn();
          @LayerNorm(eps = 1e-6) Layer ln();
          @GRU(hidden = 8, returnSequences = true) Layer gru();
          @LSTM(hidden = 6) Layer lstm();
          @Linear(out = 3) Layer head();
        }
        """));
    assertThat(m.inputKind()).isEqualTo("TOKENS");
    assertThat(tensors(layer(m, "embed"))).isEqualTo("weight 50x16 WEIGHT");
    assertThat(tensors(layer(m, "pos"))).isEqualTo("weight 12x16 WEIGHT");
    assertThat(tensors(layer(m, "attn"))).isEqualTo("in_proj_weight 48x16 WEIGHT, in_proj_bias 48 BIAS, "
        + "out_proj.weight 16x16 WEIGHT, out_proj.bias 16 BIAS");
    assertThat(layer(m, "attn").attrs().causal()).isTrue();
    assertThat(layer(m, "attn").attrs().heads()).isEqualTo(4);
    assertThat(tensors(layer(m, "ln"))).isEqualTo("weight 16 NORM_WEIGHT, bias 16 NORM_BIAS");
    assertThat(layer(m, "ln").attrs().eps()).isEqualTo(1e-6);
    assertThat(tensors(layer(m, "gru"))).isEqualTo("weight_ih_l0 24x16 WEIGHT, weight_hh_l0 24x8 WEIGHT, "
        + "bias_ih_l0 24 BIAS, bias_hh_l0 24 BIAS");
    assertThat(layer(m, "gru").output()).isEqualTo(Dims.of(12, 8));
    assertThat(tensors(layer(m, "lstm"))).isEqualTo("weight_ih_l0 24x8 WEIGHT, weight_hh_l0 24x6 WEIGHT, "
        + "bias_ih_l0 24 BIAS, bias_hh_l0 24 BIAS");
    for (ParamSpec p : layer(m, "lstm").params()) {
      assertThat(p.fanIn()).isEqualTo(6); // default bound 1/sqrt(hidden)
    }
    assertThat(layer(m, "lstm").output()).isEqualTo(Dims.of(6));
  }

  @Test
  void blocksKeepTheirTreeAndDottedPaths() {
    JavaFileObject block = source("Pair", """
        @Block
        public interface Pair {
          @Linear(out = 8, activation = Activation.RELU) Layer a();
          @Linear(out = 8, activation = Activation.RELU) Layer b();
        }
        """);
    JavaFileObject proj = source("Proj", """
        @Block
        public interface Proj {
          @Linear(out = 8, bias = false) Layer p();
        }
        """);
    NetworkModel m = model("Tree", block, proj, source("Tree", """
        @Network(input = 4)
        public interface Tree extends Model {
          @Residual(shortcut = Proj.class, activation = Activation.RELU) Pair first();
          @Residual @Repeat(2) List<Pair> more();
          Pair plain();
        }
        """));
    assertThat(m.steps().stream().map(n -> n.path()).toList())
        .containsExactly("first", "more.0", "more.1", "plain").inOrder();
    BlockNode first = (BlockNode) m.steps().get(0);
    assertThat(first.residual()).isTrue();
    assertThat(first.residualActivation()).isEqualTo("RELU");
    assertThat(first.input()).isEqualTo(Dims.of(4));
    assertThat(first.output()).isEqualTo(Dims.of(8));
    assertThat(first.body().stream().map(n -> n.path()).toList()).containsExactly("first.a", "first.b").inOrder();
    assertThat(first.shortcut().stream().map(n -> n.path()).toList()).containsExactly("first.shortcut.p");
    BlockNode more1 = (BlockNode) m.steps().get(2);
    assertThat(more1.shortcut()).isEmpty();
    assertThat(more1.body().get(1).path()).isEqualTo("more.1.b");
    assertThat(((BlockNode) m.steps().get(3)).residual()).isFalse();
    assertThat(m.parameterCount()).isEqualTo((4 * 8 + 8 + 72) + 32 + 2 * 2 * 72 + 2 * 72);
    assertThat(layer(m, "first.shortcut.p").element().getEnclosingElement().getSimpleName().toString())
        .isEqualTo("Proj");
  }

  @Test
  void initOnABlockReachesItsLayersUnlessTheyHaveTheirOwn() {
    JavaFileObject block = source("Inited", """
        @Block
        @Init(scheme = InitScheme.XAVIER_UNIFORM)
        public interface Inited {
          @Linear(out = 4, activation = Activation.RELU) Layer a();
          @Init(scheme = InitScheme.ZEROS) @Linear(out = 4, activation = Activation.RELU) Layer b();
        }
        """);
    NetworkModel m = model("Inits", block, source("Inits", """
        @Network(input = 4)
        public interface Inits extends Model {
          Inited typeLevel();
          @Init(scheme = InitScheme.NORMAL, std = 0.1) Inited stepLevel();
          @Linear(out = 2) Layer plain();
        }
        """));
    assertThat(layer(m, "typeLevel.a").attrs().initScheme()).isEqualTo("XAVIER_UNIFORM");
    assertThat(layer(m, "typeLevel.b").attrs().initScheme()).isEqualTo("ZEROS");
    assertThat(layer(m, "stepLevel.a").attrs().initScheme()).isEqualTo("NORMAL");
    assertThat(layer(m, "stepLevel.a").attrs().initStd()).isEqualTo(0.1);
    assertThat(layer(m, "stepLevel.b").attrs().initScheme()).isEqualTo("ZEROS");
    assertThat(layer(m, "plain").attrs().initScheme()).isEqualTo("DEFAULT");
    assertThat(m.networkInit()).isNull();
  }
}
