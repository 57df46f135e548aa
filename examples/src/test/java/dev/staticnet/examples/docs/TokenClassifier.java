package dev.staticnet.examples.docs;

import dev.staticnet.Embedding;
import dev.staticnet.InputKind;
import dev.staticnet.Layer;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import dev.staticnet.RNN;

/** docs/shape-errors.md's run-time example: a per-position classifier, 16 token ids in, (16, 100) logits out. */
@Network(input = 16, inputKind = InputKind.TOKENS, loss = Loss.CROSS_ENTROPY)
public interface TokenClassifier extends Model {
  @Embedding(vocab = 100, dim = 8) Layer embed();
  @RNN(hidden = 8, returnSequences = true) Layer rnn();
  @Linear(out = 100) Layer head();
}
