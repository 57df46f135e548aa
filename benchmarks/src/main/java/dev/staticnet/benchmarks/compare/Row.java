package dev.staticnet.benchmarks.compare;

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
 */
public record Row(String name, String network, int batch, String unit, double staticNet, double pyTorch,
    boolean higherIsBetter, double target, double staticNetBytes, double pyTorchBytes) {

  /** StaticNet's advantage: &gt; 1 means StaticNet is ahead. */
  public double ratio() {
    return higherIsBetter ? staticNet / pyTorch : pyTorch / staticNet;
  }

  /** The markdown table header matching {@link #format()}. */
  public static String header() {
    return "| row | network | batch | StaticNet | PyTorch | unit | ratio | target | met | alloc/step StaticNet | "
        + "alloc/step PyTorch (heap) |\n|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** This row as a markdown table line. */
  public String format() {
    return String.format("| %s | %s | %d | %.1f | %.1f | %s | %.2f× | ≥ %.1f× | %s | %s | %s |", name, network,
        batch, staticNet, pyTorch, unit, ratio(), target, ratio() >= target ? "yes" : "no", bytes(staticNetBytes),
        bytes(pyTorchBytes));
  }

  private static String bytes(double b) {
    if (b < 1024) {
      return String.format("%.0f B", b);
    }
    return b < 1024 * 1024 ? String.format("%.1f KiB", b / 1024) : String.format("%.1f MiB", b / 1024 / 1024);
  }
}
