package dev.staticnet.examples;

import dev.staticnet.Optimizer;
import dev.staticnet.train.LrSchedule;
import dev.staticnet.train.Sgd;
import java.util.Locale;

/**
 * How a classifier is trained: the optimiser, its peak learning rate decayed to 0 by a per-batch cosine
 * schedule, the batch size and the number of epochs.
 *
 * @param optimizer {@code adam} (PyTorch's defaults) or {@code sgd} (Nesterov momentum 0.9, weight decay 5e-4)
 * @param lr peak learning rate
 * @param batch training batch size
 * @param epochs training epochs
 */
record Recipe(String optimizer, float lr, int batch, int epochs) {
  /** SGD's momentum and weight decay (the usual ResNet values). */
  static final float SGD_MOMENTUM = 0.9f;
  static final float SGD_WEIGHT_DECAY = 5e-4f;

  Recipe {
    if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
      throw new IllegalArgumentException("optimizer must be adam or sgd, got '" + optimizer + "'");
    }
  }

  /** The defaults overridden by whatever the command line gave. */
  static Recipe of(ImageOptions options, String optimizer, float lr) {
    return new Recipe(options.optimizerOr(optimizer), options.lrOr(lr), options.batch(), options.epochs());
  }

  /** A new optimiser (its state is sized on the first step: one per model). */
  Optimizer newOptimizer() {
    return optimizer.equals("adam")
        ? Optimizer.adam(lr)
        : Sgd.builder(lr).momentum(SGD_MOMENTUM).nesterov(true).weightDecay(SGD_WEIGHT_DECAY).build();
  }

  /** Cosine decay from {@code lr} to 0 over every batch of the run ({@code trainCount} samples per epoch). */
  LrSchedule schedule(int trainCount) {
    long batchesPerEpoch = (trainCount + batch - 1) / batch;
    return LrSchedule.cosine(lr, epochs * batchesPerEpoch, 0f);
  }

  @Override
  public String toString() {
    String name = optimizer.equals("adam") ? "Adam" : "SGD (Nesterov 0.9, weight decay 5e-4)";
    return String.format(Locale.ROOT, "%s lr %s (cosine decay), batch %d, %d epoch%s", name, lr, batch, epochs,
        epochs == 1 ? "" : "s");
  }
}
