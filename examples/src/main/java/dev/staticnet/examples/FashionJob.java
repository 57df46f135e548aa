package dev.staticnet.examples;

import dev.staticnet.Model;
import dev.staticnet.Optimizer;
import dev.staticnet.io.Checkpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The README's main job, minus the command line: trains {@link LeNet5} on Fashion-MNIST, writes a
 * checkpoint (weights, Adam's state, step count), loads it into a freshly constructed LeNet-5 and checks
 * that the reloaded model scores exactly the trained model's test accuracy, with bit-identical logits.
 */
final class FashionJob {
  /**
   * What the job measured.
   *
   * @param trained the training run
   * @param reloadedAccuracy test accuracy of the fresh model after loading the checkpoint
   * @param freshAccuracy test accuracy of the fresh model before loading (its own random weights)
   * @param reloadedStep the step count read back from the checkpoint
   * @param identicalLogits whether the reloaded model's test logits equal the trained model's bit for bit
   */
  record Outcome(ClassifierRun.Result trained, double reloadedAccuracy, double freshAccuracy, long reloadedStep,
                 boolean identicalLogits) {
    /** The checkpoint round trip reproduced the trained model exactly. */
    boolean roundTripExact() {
      return reloadedAccuracy == trained.accuracy() && reloadedStep == trained.steps() && identicalLogits;
    }
  }

  private FashionJob() {}

  /** Trains, checkpoints to {@code checkpoint} and reloads, printing every step to {@code out}. */
  static Outcome run(ImageData data, Recipe recipe, long seed, Path checkpoint, PrintStream out) throws IOException {
    Model model = LeNet5.create(seed);
    out.println("== LeNet-5 on Fashion-MNIST, " + recipe + " (" + model.parameterCount() + " parameters)");
    out.println(model.summary());
    Optimizer optimizer = recipe.newOptimizer();
    ClassifierRun.Result trained = ClassifierRun.train(model, optimizer, recipe, data, seed, out);
    out.printf(Locale.ROOT, "LeNet-5: final test accuracy %.2f%% after %d epoch%s, %.1f s of training%n",
        100 * trained.accuracy(), recipe.epochs(), recipe.epochs() == 1 ? "" : "s", trained.trainingSeconds());

    Path parent = checkpoint.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Checkpoint.write(checkpoint, model, optimizer, trained.steps());
    out.printf(Locale.ROOT, "checkpoint: wrote %s (%,d bytes: weights, Adam state, step %d)%n",
        checkpoint, Files.size(checkpoint), trained.steps());

    // A model built with another seed, so that matching scores can only come from the checkpoint.
    Model fresh = LeNet5.create(seed + 1);
    double freshAccuracy = ClassifierRun.accuracy(fresh, data.test());
    long step = Checkpoint.read(checkpoint, fresh, recipe.newOptimizer());
    double reloaded = ClassifierRun.accuracy(fresh, data.test());
    boolean identical = Arrays.equals(logits(model, data), logits(fresh, data));
    Outcome outcome = new Outcome(trained, reloaded, freshAccuracy, step, identical);
    out.printf(Locale.ROOT, "reloaded into a fresh LeNet-5 (seed %d, %.2f%% before loading): step %d, "
        + "test accuracy %.2f%% (trained: %.2f%%), logits %s%n", seed + 1, 100 * freshAccuracy, step,
        100 * reloaded, 100 * trained.accuracy(), identical ? "bit-identical" : "DIFFERENT");
    return outcome;
  }

  /** Eval-mode logits of the whole test split, {@code (count, 10)}. */
  private static float[] logits(Model model, ImageData data) {
    return model.predict(data.test().images(), data.test().count());
  }
}
