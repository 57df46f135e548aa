package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.LayerNode;

/**
 * The cache a recurrent or attention kernel keeps from forward to backward:
 * {@code batch · perSample + fixed} floats, the same formulas as the kernels'
 * {@code cacheSize(batch, ...)}; the processor never loads the runtime, so they are restated here
 * (SequenceCachesTest holds them equal).
 */
final class SequenceCaches {
  private SequenceCaches() {}

  static long perSample(LayerNode layer) {
    long steps = layer.input().get(0);
    long hidden = layer.attrs().hidden();
    switch (layer.kind()) {
      case RNN:
        return (2 * steps + 1) * hidden; // RnnKernel.cacheSize: states, their gradients, one row block
      case LSTM:
        return (11 * steps + 2) * hidden; // LstmKernel.cacheSize: gates, c, h, tanh(c), gate gradients, 2 rows
      case GRU:
        return (13 * steps + 1) * hidden; // GruKernel.cacheSize: gates, hh projections, h, 2 gradients, 1 row
      case MULTI_HEAD_ATTENTION: {
        long dim = layer.input().get(1);
        // AttentionKernel.cacheSize: QKV, ctx and their gradients; probabilities and their gradients
        return 8 * steps * dim + 2L * layer.attrs().heads() * steps * steps;
      }
      default:
        throw noCache(layer);
    }
  }

  /** Floats independent of the batch: the recurrent kernels keep W_hh transposed, (gates·H, H). */
  static long fixed(LayerNode layer) {
    long hidden = layer.attrs().hidden();
    switch (layer.kind()) {
      case RNN:
        return hidden * hidden;
      case LSTM:
        return 4 * hidden * hidden;
      case GRU:
        return 3 * hidden * hidden;
      case MULTI_HEAD_ATTENTION:
        return 0;
      default:
        throw noCache(layer);
    }
  }

  private static IllegalArgumentException noCache(LayerNode layer) {
    return new IllegalArgumentException(layer.path() + ": " + layer.kind().displayName() + " keeps no cache");
  }
}
