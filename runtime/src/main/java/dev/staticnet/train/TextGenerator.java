package dev.staticnet.train;

import dev.staticnet.Layer;
import dev.staticnet.Model;
import java.util.Arrays;
import java.util.List;

/**
 * Continues a token sequence with a trained causal language model: a network with
 * {@code inputKind = TOKENS}, input {@code (T)} and output {@code (T, V)} scores for the next token
 * at every position (logits, log-probabilities, or probabilities from a final {@code @Softmax}).
 *
 * <p>Each new token comes from one eval-mode forward pass over a window of the last {@code T}
 * tokens: the scores of the window's last real position are turned into a choice by a
 * {@link Sampling} (greedy, temperature, top-k), and the token is appended. While the text is
 * shorter than {@code T}, it fills positions {@code 0 .. n−1} and the positions after it hold
 * {@link #padId()}; the model must therefore be causal (the scores at position t depend only on
 * tokens 0 .. t: causal attention, recurrent layers, position-wise layers), else the padding would
 * leak into the scores read. Once the text is longer than {@code T}, the window slides: the
 * oldest tokens fall out.
 *
 * <p>The same prompt, sampling and seed give the same tokens. After the first call (which sizes
 * the model's inference workspace) generating allocates nothing per token beyond the result.
 * One generator holds its window and score buffers: use it from one thread at a time (the model
 * itself may be shared).
 *
 * <pre>
 * TextGenerator gen = new TextGenerator(model);
 * int[] next = gen.generate(promptIds, 200, Sampling.topK(5, 0.8), 42);
 * </pre>
 */
public final class TextGenerator {
  private final Model model;
  private final int context;   // T
  private final int vocab;     // V: scores per position
  private final int inputVocab; // ids the first step accepts (the embedding table's rows), ≥ V
  private final boolean probabilities;
  private final int padId;
  private final float[] window; // (T) token ids as floats
  private final float[] scores; // (T, V)
  private final int[] candidates;
  private final double[] weights;

  /** A generator that pads short windows with token id 0. */
  public TextGenerator(Model model) {
    this(model, 0);
  }

  /**
   * @param padId the id written after the text while it is shorter than the window
   * @throws IllegalArgumentException if the model is not a token-in, (T, V)-scores-out network, if
   *     {@code padId} is not a valid id, or if the model can emit ids its embedding cannot read back
   */
  public TextGenerator(Model model, int padId) {
    if (model == null) {
      throw new IllegalArgumentException("TextGenerator needs a model, got null");
    }
    int[] in = model.inputShape().dims();
    int[] out = model.outputShape().dims();
    if (in.length != 1 || out.length != 2 || out[0] != in[0]) {
      throw new IllegalArgumentException("TextGenerator needs a language model with input (T) token ids and output "
          + "(T, V) scores for the next token; got input " + model.inputShape() + " and output "
          + model.outputShape());
    }
    List<Layer> layers = model.layers();
    Layer first = layers.get(0);
    if (!"Embedding".equals(first.kind())) {
      throw new IllegalArgumentException("TextGenerator needs a TOKENS network starting with @Embedding; '"
          + first.name() + "' is " + first.kind());
    }
    this.model = model;
    this.context = in[0];
    this.vocab = out[1];
    this.inputVocab = model.parameters().shape(first.name() + ".weight")[0];
    if (vocab > inputVocab) {
      throw new IllegalArgumentException("TextGenerator: the model scores " + vocab + " tokens but its embedding '"
          + first.name() + "' reads only ids below " + inputVocab + ", so generated ids could not be fed back");
    }
    if (padId < 0 || padId >= inputVocab) {
      throw new IllegalArgumentException("TextGenerator: padId must be a token id in [0, " + inputVocab + "), got "
          + padId);
    }
    this.probabilities = "Softmax".equals(layers.get(layers.size() - 1).kind());
    this.padId = padId;
    this.window = new float[context];
    this.scores = new float[context * vocab];
    this.candidates = new int[vocab];
    this.weights = new double[vocab];
  }

  /** The window length T: how many of the last tokens the model sees. */
  public int contextLength() {
    return context;
  }

  /** V: the ids that can be generated are {@code 0 .. V−1}. */
  public int vocabulary() {
    return vocab;
  }

  /** The id that fills the window after a text shorter than it. */
  public int padId() {
    return padId;
  }

  /**
   * Generates {@code count} tokens after {@code prompt}, drawing with a {@link Rng} seeded by
   * {@code seed}.
   *
   * @return the new tokens only (not the prompt)
   * @throws IllegalArgumentException for an empty prompt, an id outside {@code [0, vocab)}, a
   *     negative count, a null sampling, or top-k with k above the vocabulary
   */
  public int[] generate(int[] prompt, int count, Sampling sampling, long seed) {
    return generate(prompt, count, sampling, new Rng(seed));
  }

  /** As {@link #generate(int[], int, Sampling, long)}, drawing from {@code rng} (advanced by the draws). */
  public int[] generate(int[] prompt, int count, Sampling sampling, Rng rng) {
    checkArguments(prompt, count, sampling, rng);
    int[] text = Arrays.copyOf(prompt, prompt.length + count); // prompt, then the new tokens
    for (int n = prompt.length; n < text.length; n++) {
      text[n] = next(text, n, sampling, rng);
    }
    return Arrays.copyOfRange(text, prompt.length, text.length);
  }

  /**
   * The next token after {@code tokens[0 .. length)} (only the last {@code T} are seen). The ids are
   * not checked here: {@link #generate} checks its prompt once.
   */
  private int next(int[] tokens, int length, Sampling sampling, Rng rng) {
    int from = Math.max(0, length - context);
    int n = length - from; // real tokens in the window
    for (int t = 0; t < context; t++) {
      window[t] = t < n ? tokens[from + t] : padId;
    }
    model.predict(window, 1, scores);
    int row = (n - 1) * vocab; // scores for the token after the last real one
    for (int v = 0; v < vocab; v++) {
      float s = scores[row + v];
      if (probabilities) {
        s = (float) Math.log(s);
        scores[row + v] = s;
      }
      if (Float.isNaN(s) || s == Float.POSITIVE_INFINITY) {
        throw new ArithmeticException("TextGenerator: the model's score for token " + v + " at position " + (n - 1)
            + " is " + s + "; is the model trained and its weights finite?");
      }
    }
    return sampling.pick(scores, row, vocab, rng, candidates, weights);
  }

  private void checkArguments(int[] prompt, int count, Sampling sampling, Rng rng) {
    if (prompt == null || prompt.length == 0) {
      throw new IllegalArgumentException("TextGenerator: the prompt needs at least one token, got "
          + (prompt == null ? "null" : "an empty array"));
    }
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] < 0 || prompt[i] >= vocab) {
        throw new IllegalArgumentException("TextGenerator: prompt token " + prompt[i] + " at position " + i
            + " is out of range; expected an id in [0, " + vocab + ")");
      }
    }
    if (count < 0) {
      throw new IllegalArgumentException("TextGenerator: count must be >= 0, got " + count);
    }
    if (sampling == null || rng == null) {
      throw new IllegalArgumentException("TextGenerator: sampling and rng must not be null");
    }
    if (sampling.k() > vocab) {
      throw new IllegalArgumentException("TextGenerator: top-k with k = " + sampling.k()
          + " exceeds the vocabulary of " + vocab + " tokens");
    }
  }
}
