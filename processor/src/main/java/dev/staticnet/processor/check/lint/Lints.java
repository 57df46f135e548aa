package dev.staticnet.processor.check.lint;

import dev.staticnet.processor.diag.Reporter;
import dev.staticnet.processor.model.NetworkModel;

/** Runs every lint on a checked network; lints only warn. */
public final class Lints {
  private final Reporter reporter;

  public Lints(Reporter reporter) {
    this.reporter = reporter;
  }

  public void run(NetworkModel model) {
    // lints arrive in the next commit
  }
}
