package dev.staticnet.examples;

import dev.staticnet.Activation;
import dev.staticnet.Block;
import dev.staticnet.GELU;
import dev.staticnet.GRU;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.RNN;
import dev.staticnet.Residual;

/** Sequence networks from the course seeds; {@code params} makes javac check each count. */
final class SequenceSeedNets {
  private SequenceSeedNets() {}

  /** Seed 004: the scalar RNN h_t = ReLU(w·h_{t−1} + u·x_t) over 3 steps, every state out. */
  @Network(input = {3, 1}, loss = Loss.MSE, params = 4)
  interface ScalarRnn3 extends Model {
    @RNN(hidden = 1, nonlinearity = Activation.RELU, returnSequences = true) Layer rnn();
  }

  /** The same over 20 steps (∂h20/∂h1 = w¹⁹). */
  @Network(input = {20, 1}, loss = Loss.MSE, params = 4)
  interface ScalarRnn20 extends Model {
    @RNN(hidden = 1, nonlinearity = Activation.RELU, returnSequences = true) Layer rnn();
  }

  /** Seed 004's LSTM cell path: one unit over 20 steps, every h out (∂c20/∂c1 = f¹⁹). */
  @Network(input = {20, 1}, loss = Loss.MSE, params = 16)
  interface ScalarLstm20 extends Model {
    @LSTM(hidden = 1, returnSequences = true) Layer lstm();
  }

  /**
   * PyTorch {@code nn.LSTM(300, 512, num_layers=2)}: layer 0 4·512·(300 + 512) + 2·4·512 = 1,667,072,
   * layer 1 4·512·(512 + 512) + 2·4·512 = 2,101,248; 3,768,320 in all.
   */
  @Network(input = {10, 300}, params = 3_768_320)
  interface TwoLayerLstm512 extends Model {
    @LSTM(hidden = 512, returnSequences = true) Layer lstm1();
    @LSTM(hidden = 512, returnSequences = true) Layer lstm2();
  }

  /** PyTorch {@code nn.GRU(10, 20)}: 3·20·(10 + 20) + 2·3·20 = 1,920. */
  @Network(input = {7, 10}, params = 1_920)
  interface Gru20 extends Model {
    @GRU(hidden = 20, returnSequences = true) Layer gru();
  }

  /** PyTorch {@code nn.MultiheadAttention(512, 8)}: 4·512² + 4·512 = 1,050,624. */
  @Network(input = {4, 512}, params = 1_050_624)
  interface Attention512x8 extends Model {
    @MultiHeadAttention(heads = 8) Layer attn();
  }

  /**
   * Seed 001's RNN diagram: x ∈ R³, h ∈ R⁴, y ∈ R². PyTorch's two bias vectors:
   * W_ih 4·3 + W_hh 4·4 + b_ih 4 + b_hh 4 = 36 for the cell, W_hy 2·4 + b_y 2 = 10 for the output: 46.
   */
  @Network(input = {6, 3}, loss = Loss.MSE, params = 46)
  interface Seed001Rnn extends Model {
    @RNN(hidden = 4, returnSequences = true) Layer rnn();
    @Linear(out = 2) Layer out();
  }

  /**
   * Seed 001, "Attention Parameters": a self-attention block of h heads with W_q, W_k, W_v of
   * d_model × d_k each plus biases has 3·d_k·(d_model + 1)·h = 3·d_model·(d_model + 1) parameters
   * (d_k = d_model / h; no output projection in the seed's figure): 3·512·513 = 787,968.
   */
  @Network(input = {4, 512}, params = 787_968)
  interface Seed001AttentionBlock extends Model {
    @MultiHeadAttention(heads = 8, outProjection = false) Layer attn();
  }

  /** Seed 004's attention example: d_model = 3, one head, no bias, no out projection: 3·3² = 27. */
  @Network(input = {5, 3}, params = 27)
  interface RedPandaAttention extends Model {
    @MultiHeadAttention(heads = 1, bias = false, outProjection = false) Layer attn();
  }

  /** BERT's self-attention sub-layer before its residual: 12 heads of 64 over d = 768. */
  @Block
  interface BertSelfAttention {
    @MultiHeadAttention(heads = 12) Layer attn();
  }

  /** BERT's feed-forward sub-layer before its residual: 768 → 3072 → GELU → 768. */
  @Block
  interface BertFeedForward {
    @Linear(out = 3072) Layer intermediate();
    @GELU Layer gelu();
    @Linear(out = 768) Layer output();
  }

  /**
   * One BERT-base encoder layer (post-norm): LayerNorm(x + attention(x)), then LayerNorm(h + FFN(h)).
   * Attention 4·768² + 4·768 = 2,362,368; LayerNorms 2·2·768 = 3,072; FFN 768·3072 + 3072 +
   * 3072·768 + 768 = 4,722,432; 7,087,872 in all.
   */
  @Network(input = {128, 768}, params = 7_087_872)
  interface BertBaseLayer extends Model {
    @Residual BertSelfAttention attention();
    @LayerNorm Layer attentionNorm();
    @Residual BertFeedForward feedForward();
    @LayerNorm Layer outputNorm();
  }
}
