package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.BatchNorm;
import dev.staticnet.Block;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.Repeat;
import dev.staticnet.Residual;
import dev.staticnet.Tanh;
import java.util.List;

/** Networks made of blocks: identity residuals repeated, a projection shortcut, a plain block. */
final class ResidualNets {
  private ResidualNets() {}

  /** A pre-norm MLP block: x + fc2(tanh(fc1(norm(x)))). */
  @Block
  interface MlpBlock {
    @LayerNorm Layer norm();
    @Linear(out = 8, activation = Activation.TANH) Layer fc1();
    @Linear(out = 6) Layer fc2();
  }

  /** Widening block: 6 -> 5 features, so the residual needs a projection. */
  @Block
  interface Widen {
    @Linear(out = 5, bias = false) Layer fc();
    @BatchNorm Layer bn();
    @Tanh Layer act();
    @Linear(out = 5) Layer out();
  }

  @Block
  interface Projection {
    @Linear(out = 5, bias = false) Layer x();
  }

  @Block
  interface Head {
    @Linear(out = 3) Layer fc();
  }

  @Network(input = {4}, loss = Loss.CROSS_ENTROPY)
  interface ResidualMlp extends Model {
    @Linear(out = 6) Layer stem();
    @Residual @Repeat(2) List<MlpBlock> stage1();
    @Residual(shortcut = Projection.class, activation = Activation.RELU) Widen step();
    Head head();
  }

  @Block
  interface Cell {
    @Linear(out = 4, activation = Activation.SIGMOID) Layer fc();
  }

  /** A block made of blocks: a plain one, a residual one and a repeated residual list. */
  @Block
  interface Tower {
    Cell first();
    @Residual Cell skip();
    @Residual @Repeat(2) List<Cell> more();
  }

  @Network(input = {4}, loss = Loss.MSE)
  interface Nested extends Model {
    @Residual Tower tower();
    @Linear(out = 2) Layer head();
  }
}
