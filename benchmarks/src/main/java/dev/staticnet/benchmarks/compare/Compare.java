package dev.staticnet.benchmarks.compare;

import dev.staticnet.benchmarks.torch.Torch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * StaticNet beside PyTorch (libtorch 2.5.1 through DJL), same network, batch and thread count (2), printed
 * as a markdown table. Each row runs in a fresh JVM (same flags), so one row's JIT profile or heap does not
 * colour the next; {@code all} runs every row.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djava.awt.headless=true -Dai.djl.offline=true \
 *     -cp benchmarks/target/benchmarks.jar dev.staticnet.benchmarks.compare.Compare all --plot ratios.png
 * </pre>
 *
 * Arguments: {@code all} or row names ({@code gemm-1024, mlp-train-8, ...}); {@code --plot file.png} also
 * draws the ratios ({@link RatioPlot}). Options (system properties): {@code compare.warmup} and
 * {@code compare.measure} seconds per side (default 3 and 5), {@code compare.warmupCalls} (at least this
 * many warm-up steps, capped per row for long steps; default 1000), {@code compare.threads} (default 2:
 * StaticNet's workers and torch's intra-op threads).
 */
public final class Compare {
  /** Internal: run one row here and print it as a record for the parent. */
  private static final String CHILD = "--child";
  private static final String PLOT = "--plot";

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
    boolean child = false;
    Path plot = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals(CHILD)) {
        child = true;
      } else if (a.equals(PLOT)) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("expected a PNG file name after " + PLOT);
        }
        plot = Path.of(args[++i]);
      } else if (a.equals("all")) {
        names.addAll(rows.keySet());
      } else if (rows.containsKey(a)) {
        names.add(a);
      } else {
        throw new IllegalArgumentException("expected 'all' or a row name " + rows.keySet() + ", got '" + a + "'");
      }
    }
    if (names.isEmpty()) {
      System.err.println("usage: Compare all | " + String.join(" | ", rows.keySet()) + " [" + PLOT + " file.png]");
      System.exit(2);
    }
    if (child) {
      Torch.setThreads(Integer.parseInt(threads));
      System.out.println(rows.get(names.get(0)).get().encode());
      return;
    }
    System.out.println(environment(args, threads));
    System.out.println(Row.header());
    List<Row> done = new ArrayList<>();
    for (String name : names) {
      Row row = runInFreshJvm(name);
      if (row != null) {
        done.add(row);
        System.out.println(row.format());
      }
    }
    if (plot != null) {
      RatioPlot.write(done, machine(threads), plot);
      System.out.println("\nplot: " + plot.toAbsolutePath());
    }
  }

  /** The table's header: command with JVM flags, then {@link #machine}. */
  private static String environment(String[] args, String threads) {
    return String.format("# StaticNet vs PyTorch, side by side%n%n* command: `java %s -cp %s %s %s`%n* %s%n",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        System.getProperty("java.class.path"), Compare.class.getName(), String.join(" ", args), machine(threads));
  }

  /** Date, JDK, CPUs, threads and libtorch version. */
  private static String machine(String threads) {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    return String.format("%s, JDK %s (%s, %s), %d CPUs visible, %s threads each side, libtorch %s via DJL", date,
        System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), threads, Torch.version());
  }

  /**
   * Re-runs this class for one row in a child JVM with the same flags and class path; echoes its output
   * and returns its row, or null (after printing a failed line) if it exited abnormally.
   */
  private static Row runInFreshJvm(String name) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Compare.class.getName());
    cmd.add(name);
    cmd.add(CHILD);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putIfAbsent("PYTORCH_FLAVOR", "cpu");
    Process p = pb.start();
    Row row = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (Row.isRecord(line)) {
          row = Row.parse(line);
        } else {
          System.out.println(line);
        }
      }
    }
    int status = p.waitFor();
    if (status != 0 || row == null) {
      System.out.println(Row.failed(name, status));
      return null;
    }
    return row;
  }
}
