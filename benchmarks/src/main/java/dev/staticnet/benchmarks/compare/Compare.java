package dev.staticnet.benchmarks.compare;

import dev.staticnet.benchmarks.torch.Torch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * StaticNet beside PyTorch (libtorch 2.5.1 through DJL), same network, batch and thread count (2), printed
 * as a markdown table row per comparison. {@code all} runs every row, each in a fresh JVM (same flags), so
 * one row's JIT profile or heap does not colour the next.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dai.djl.offline=true -cp benchmarks/target/benchmarks.jar \
 *     dev.staticnet.benchmarks.compare.Compare all          # or a row name: gemm-1024, mlp-train-8, ...
 * </pre>
 *
 * Options (system properties): {@code compare.warmup} and {@code compare.measure} seconds per side
 * (default 3 and 5), {@code compare.warmupCalls} (at least this many warm-up steps, default 1000), {@code compare.threads} (default 2: StaticNet's workers and torch's intra-op threads).
 */
public final class Compare {
  private static final String NO_HEADER = "--no-header";

  private Compare() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String threads = System.getProperty("compare.threads", "2");
    System.setProperty("staticnet.threads", threads); // read once, when the kernels first run
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    double warmup = Double.parseDouble(System.getProperty("compare.warmup", "3"));
    double measure = Double.parseDouble(System.getProperty("compare.measure", "5"));
    long warmupCalls = Long.parseLong(System.getProperty("compare.warmupCalls", "1000"));
    Map<String, Supplier<Row>> rows = new Rows(warmup, warmupCalls, measure).all();

    List<String> names = new ArrayList<>();
    boolean header = true;
    for (String a : args) {
      if (a.equals(NO_HEADER)) {
        header = false;
      } else if (a.equals("all")) {
        names.addAll(rows.keySet());
      } else if (rows.containsKey(a)) {
        names.add(a);
      } else {
        throw new IllegalArgumentException("expected 'all' or a row name " + rows.keySet() + ", got '" + a + "'");
      }
    }
    if (names.isEmpty()) {
      System.err.println("usage: Compare all | " + String.join(" | ", rows.keySet()));
      System.exit(2);
    }
    if (header) {
      System.out.println(environment(threads));
      System.out.println(Row.header());
    }
    if (names.size() == 1) {
      Torch.setThreads(Integer.parseInt(threads));
      System.out.println(rows.get(names.get(0)).get().format());
      return;
    }
    for (String name : names) {
      runInFreshJvm(name);
    }
  }

  private static String environment(String threads) {
    return String.format("JDK %s (%s), %s, threads %s, libtorch %s via DJL, %d CPUs visible",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), threads, Torch.version(),
        Runtime.getRuntime().availableProcessors());
  }

  /** Re-runs this class for one row in a child JVM with the same flags and class path. */
  private static void runInFreshJvm(String row) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Compare.class.getName());
    cmd.add(row);
    cmd.add(NO_HEADER);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putIfAbsent("PYTORCH_FLAVOR", "cpu");
    int status = pb.start().waitFor();
    if (status != 0) {
      System.out.println("| " + row + " | failed (exit " + status + ") | | | | | | | | | |");
    }
  }
}
