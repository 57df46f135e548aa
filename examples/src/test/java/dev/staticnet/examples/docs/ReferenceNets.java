package dev.staticnet.examples.docs;

import dev.staticnet.Activation;
import dev.staticnet.Block;
import dev.staticnet.Dropout;
import dev.staticnet.Flatten;
import dev.staticnet.GRU;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Conv2d;
import dev.staticnet.Loss;
import dev.staticnet.MaxPool2d;
import dev.staticnet.Model;
import dev.staticnet.MultiHeadAttention;
import dev.staticnet.Network;
import dev.staticnet.Residual;

/**
 * The worked parameter counts of docs/layers.md, each checked by javac through {@code params}
 * (a wrong figure would not compile) and compared with PyTorch 1.13's count of the same module.
 */
final class ReferenceNets {
  private ReferenceNets() {}

  /** Seed 001's CNN on 3@128×128: conv 10,416 + fc1 393,344 + fc2 1,290 = 405,050. */
  @Network(input = {3, 128, 128}, loss = Loss.CROSS_ENTROPY, params = 405_050)
  interface Seed001Cnn extends Model {
    @MaxPool2d(kernel = 2) Layer maxpool1();
    @Conv2d(out = 12, kernel = 17) Layer conv();
    @MaxPool2d(kernel = 3) Layer maxpool2();
    @Flatten Layer flatten();
    @Linear(out = 128, activation = Activation.RELU) Layer fc1();
    @Linear(out = 10) Layer fc2();
  }

  /** {@code nn.LSTM(300, 512, num_layers=2)}: two stacked steps (PyTorch's layer l is step l + 1). */
  @Network(input = {35, 300}, params = 3_768_320)
  interface Lstm300x512x2 extends Model {
    @LSTM(hidden = 512, returnSequences = true) Layer lstm1();
    @LSTM(hidden = 512, returnSequences = true) Layer lstm2();
  }

  /** {@code nn.GRU(10, 20)}. */
  @Network(input = {5, 10}, params = 1_920)
  interface Gru10x20 extends Model {
    @GRU(hidden = 20, returnSequences = true) Layer gru();
  }

  /** {@code nn.MultiheadAttention(512, 8)}. */
  @Network(input = {10, 512}, params = 1_050_624)
  interface Attention512x8 extends Model {
    @MultiHeadAttention(heads = 8) Layer attn();
  }

  /** BERT-base's self-attention sub-layer (dropout as in BERT). */
  @Block
  interface BertAttention {
    @MultiHeadAttention(heads = 12) Layer self_attn();
    @Dropout(p = 0.1) Layer dropout1();
  }

  /** BERT-base's feed-forward sub-layer. */
  @Block
  interface BertFeedForward {
    @Linear(out = 3072, activation = Activation.GELU) Layer linear1();
    @Dropout(p = 0.1) Layer dropout();
    @Linear(out = 768) Layer linear2();
    @Dropout(p = 0.1) Layer dropout2();
  }

  /**
   * One BERT-base encoder layer, post-norm: {@code nn.TransformerEncoderLayer(768, 12, 3072,
   * activation="gelu", batch_first=True)}: x = norm1(x + attn(x)); x = norm2(x + ffn(x)).
   */
  @Network(input = {128, 768}, params = 7_087_872)
  interface BertBaseLayer extends Model {
    @Residual BertAttention attention();
    @LayerNorm Layer norm1();
    @Residual BertFeedForward feedForward();
    @LayerNorm Layer norm2();
  }
}
