package dev.staticnet.examples;

import dev.staticnet.Embedding;
import dev.staticnet.InputKind;
import dev.staticnet.LSTM;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;

/**
 * A character-level LSTM language model beside the transformer {@link CharLm}: windows of 64
 * characters of the 96-symbol alphabet ({@link CharCorpus}), a 64-wide embedding, one LSTM layer of
 * 256 units over every step, next-character logits at every position. The state starts at zero in
 * each window (truncated backpropagation through 64 steps).
 */
@Network(input = {CharLstm.CONTEXT}, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface CharLstm extends Model {
  int CONTEXT = 64;

  @Embedding(vocab = CharCorpus.VOCAB, dim = 64) Layer embed();

  @LSTM(hidden = 256, returnSequences = true) Layer lstm();

  @Linear(out = CharCorpus.VOCAB) Layer head();

  static CharLstm create(long seed) {
    return new StaticNet_CharLstm(seed);
  }
}
