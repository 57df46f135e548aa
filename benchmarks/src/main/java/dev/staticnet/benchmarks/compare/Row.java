package dev.staticnet.benchmarks.compare;

import java.util.Locale;

/**
 * One line of the comparison table: both sides measured on the same work.
 *
 * @param name row id (as given on the command line)
 * @param network what runs, for the table
 * @param batch samples per step
 * @param unit unit of the two scores
 * @param staticNet StaticNet's score
 * @param pyTorch PyTorch's score
 * @param higherIsBetter true for throughputs; false for latencies (then the ratio is PyTorch / StaticNet)
 * @param target the target ratio (StaticNet's advantage)
 * @param staticNetBytes Java heap bytes allocated per step by StaticNet's calling thread
 * @param pyTorchBytes Java heap bytes allocated per step on the PyTorch side (DJL wrappers; native not counted)
 * @param tokensPerSample for sequence models trained per sample of T tokens: T (the table adds tokens/s); else 0
 */
public record Row(String name, String network, int batch, String unit, double staticNet, double pyTorch,
    boolean higherIsBetter, double target, double staticNetBytes, double pyTorchBytes, int tokensPerSample) {
  private static final String RECORD = "ROW\t";

  /** StaticNet's advantage: &gt; 1 means StaticNet is ahead. */
  public double ratio() {
    return higherIsBetter ? staticNet / pyTorch : pyTorch / staticNet;
  }

  /** Whether the ratio reaches the target. */
  public boolean met() {
    return ratio() >= target;
  }

  /** The markdown table header matching {@link #format()}. */
  public static String header() {
    return "| row | network | batch | StaticNet | PyTorch | unit | ratio | target | met | tokens/s StaticNet / PyTorch "
        + "| alloc/step StaticNet | alloc/step PyTorch (heap) |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** This row as a markdown table line. */
  public String format() {
    String tokens = tokensPerSample == 0 ? "—"
        : String.format(Locale.ROOT, "%.0f / %.0f", staticNet * tokensPerSample, pyTorch * tokensPerSample);
    return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %s | %.2f× | ≥ %.1f× | %s | %s | %s | %s |",
        name, network, batch, staticNet, pyTorch, unit, ratio(), target, met() ? "yes" : "no", tokens,
        bytes(staticNetBytes), bytes(pyTorchBytes));
  }

  /** A failed row (its JVM exited with {@code status}), as a table line. */
  public static String failed(String name, int status) {
    return "| " + name + " | failed (exit " + status + ") | | | | | | | | | | |";
  }

  /** One line a child JVM prints for its parent ({@link #parse} reads it back). */
  public String encode() {
    return RECORD + String.join("\t", name, network, Integer.toString(batch), unit, Double.toString(staticNet),
        Double.toString(pyTorch), Boolean.toString(higherIsBetter), Double.toString(target),
        Double.toString(staticNetBytes), Double.toString(pyTorchBytes), Integer.toString(tokensPerSample));
  }

  /** Whether {@code line} is an {@link #encode()}d row. */
  public static boolean isRecord(String line) {
    return line.startsWith(RECORD);
  }

  /** The row {@link #encode()} wrote. */
  public static Row parse(String line) {
    String[] f = isRecord(line) ? line.substring(RECORD.length()).split("\t", -1) : new String[0];
    if (f.length != 11) {
      throw new IllegalArgumentException("expected a row record of 11 tab-separated fields, got: " + line);
    }
    return new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], Double.parseDouble(f[4]), Double.parseDouble(f[5]),
        Boolean.parseBoolean(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
        Integer.parseInt(f[10]));
  }

  private static String bytes(double b) {
    if (b < 1024) {
      return String.format(Locale.ROOT, "%.0f B", b);
    }
    return b < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", b / 1024)
        : String.format(Locale.ROOT, "%.1f MiB", b / 1024 / 1024);
  }
}
