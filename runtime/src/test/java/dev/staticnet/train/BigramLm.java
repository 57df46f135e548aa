package dev.staticnet.train;

import dev.staticnet.Layer;
import dev.staticnet.Model;
import dev.staticnet.ModelSpec;
import dev.staticnet.Optimizer;
import dev.staticnet.Parameters;
import dev.staticnet.Shape;
import java.util.List;

/**
 * A hand-written causal language model for the generator tests: the scores at position t are row
 * {@code tokens[t]} of a (V, V) table, so the next token depends on the last one only. Counts the
 * windows it sees and remembers the last one.
 */
final class BigramLm implements Model {
  private final int context;
  private final int vocab;
  private final float[] table; // (V, V)
  private final boolean softmaxOut;
  int calls;
  float[] lastWindow;

  BigramLm(int context, int vocab, float[] table, boolean softmaxOut) {
    this.context = context;
    this.vocab = vocab;
    this.table = table;
    this.softmaxOut = softmaxOut;
  }

  @Override
  public Shape inputShape() {
    return Shape.of(context);
  }

  @Override
  public Shape outputShape() {
    return Shape.of(context, vocab);
  }

  @Override
  public long parameterCount() {
    return table.length;
  }

  @Override
  public List<Layer> layers() {
    return List.of(new ModelSpec.Step("embed", "Embedding", Shape.of(context, vocab), table.length),
        new ModelSpec.Step("out", softmaxOut ? "Softmax" : "Identity", Shape.of(context, vocab), 0));
  }

  @Override
  public float[] predict(float[] input, int batch) {
    float[] out = new float[batch * context * vocab];
    predict(input, batch, out);
    return out;
  }

  @Override
  public void predict(float[] input, int batch, float[] output) {
    calls++;
    lastWindow = input.clone();
    for (int t = 0; t < batch * context; t++) {
      int token = (int) input[t];
      double sum = 0;
      for (int v = 0; v < vocab; v++) {
        float s = table[token * vocab + v];
        output[t * vocab + v] = softmaxOut ? (float) Math.exp(s) : s;
        sum += Math.exp(s);
      }
      if (softmaxOut) {
        for (int v = 0; v < vocab; v++) {
          output[t * vocab + v] /= (float) sum;
        }
      }
    }
  }

  @Override
  public float trainStep(float[] input, int[] labels, int batch, Optimizer optimizer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public float trainStep(float[] input, float[] targets, int batch, Optimizer optimizer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Parameters parameters() {
    return new Parameters() {
      @Override
      public List<String> names() {
        return List.of("embed.weight");
      }

      @Override
      public int[] shape(String name) {
        return new int[] {vocab, vocab};
      }

      @Override
      public boolean trainable(String name) {
        return true;
      }

      @Override
      public float[] get(String name) {
        return table.clone();
      }

      @Override
      public void set(String name, float[] values) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Override
  public String summary() {
    return "BigramLm";
  }
}
