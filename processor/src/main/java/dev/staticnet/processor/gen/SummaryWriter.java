package dev.staticnet.processor.gen;

import dev.staticnet.processor.model.BlockNode;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.LayerNode;
import dev.staticnet.processor.model.NetworkModel;
import dev.staticnet.processor.model.Node;
import dev.staticnet.processor.model.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compile-time summary of a network (DSL.md §5): a torchinfo-like text table and the JSON
 * form, written as {@code META-INF/staticnet/<binary name>.summary.txt} / {@code .summary.json}.
 * Blocks are flattened with dotted names; a residual block adds a {@code +} row where its branches
 * are summed.
 */
public final class SummaryWriter {
  private SummaryWriter() {}

  /** Resource path (relative to the class output) of the text summary. */
  public static String textResource(NetworkModel model) {
    return "META-INF/staticnet/" + model.binaryName() + ".summary.txt";
  }

  /** Resource path (relative to the class output) of the JSON summary. */
  public static String jsonResource(NetworkModel model) {
    return "META-INF/staticnet/" + model.binaryName() + ".summary.json";
  }

  /** Every layer step in order, blocks flattened (body, then shortcut). */
  public static List<LayerNode> layers(NetworkModel model) {
    List<LayerNode> out = new ArrayList<>();
    collect(model.steps(), out);
    return out;
  }

  private static void collect(List<Node> nodes, List<LayerNode> out) {
    for (Node n : nodes) {
      if (n instanceof LayerNode l) {
        out.add(l);
      } else {
        BlockNode b = (BlockNode) n;
        collect(b.body(), out);
        collect(b.shortcut(), out);
      }
    }
  }

  /** The table, e.g. {@code c1  Conv2d  6x28x28  156} per row, then totals. */
  public static String text(NetworkModel model) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"step", "kind", "output", "parameters"});
    rows(model.steps(), rows);
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    int total = width[0] + width[1] + width[2] + width[3] + 6;
    String rule = "-".repeat(total) + "\n";
    StringBuilder b = new StringBuilder();
    b.append(model.qualifiedName()).append('\n');
    b.append("input ").append(shape(model.input())).append(model.inputKind().equals("TOKENS") ? " token ids" : "")
        .append(", loss ").append(model.loss()).append('\n');
    b.append(rule);
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      b.append(pad(row[0], width[0])).append("  ").append(pad(row[1], width[1])).append("  ")
          .append(pad(row[2], width[2])).append("  ")
          .append(" ".repeat(width[3] - row[3].length())).append(row[3]).append('\n');
      if (r == 0) {
        b.append(rule);
      }
    }
    b.append(rule);
    b.append("output ").append(shape(model.output())).append('\n');
    b.append("trainable parameters: ").append(grouped(model.parameterCount())).append('\n');
    long buffers = buffers(model);
    if (buffers > 0) {
      b.append("buffers (saved, not trained): ").append(grouped(buffers)).append('\n');
    }
    memory(MemoryPlan.of(model), b);
    return b.toString();
  }

  /**
   * The planned memory, e.g.
   * <pre>
   * parameter bytes: 117,288 (+ 117,288 for gradients when training), buffers 520
   * workspace bytes per sample: training 180,224, inference 57,344 (BatchNorm-folded 24,576)
   * </pre>
   */
  private static void memory(MemoryPlan m, StringBuilder b) {
    b.append("parameter bytes: ").append(grouped(m.parameterBytes()));
    if (m.parameterBytes() > 0) {
      b.append(" (+ ").append(grouped(m.parameterBytes())).append(" for gradients when training)");
    }
    if (m.bufferBytes() > 0) {
      b.append(", buffers ").append(grouped(m.bufferBytes()));
    }
    if (m.folds()) {
      b.append(", BatchNorm-folded weights ").append(grouped(m.foldedBytes()));
    }
    b.append('\n');
    b.append("workspace bytes per sample: training ").append(grouped(m.trainingPerSample()))
        .append(", inference ").append(grouped(m.inferencePerSample()));
    if (m.folds()) {
      b.append(" (BatchNorm-folded ").append(grouped(m.foldedPerSample())).append(')');
    }
    b.append('\n');
    if (m.trainingFixed() > 0) {
      b.append("workspace bytes per batch, any size: training ").append(grouped(m.trainingFixed()))
          .append(", inference ").append(grouped(m.inferenceFixed())).append('\n');
    }
  }

  private static void rows(List<Node> nodes, List<String[]> rows) {
    for (Node n : nodes) {
      if (n instanceof LayerNode l) {
        rows.add(new String[] {l.path(), l.kind().displayName() + activation(l), shape(l.output()),
            grouped(l.parameterCount())});
      } else {
        BlockNode block = (BlockNode) n;
        rows(block.body(), rows);
        rows(block.shortcut(), rows);
        if (block.residual()) {
          String act = block.residualActivation().equals("NONE") ? "" : ", " + activationName(block.residualActivation());
          rows.add(new String[] {block.path(), "+ residual" + act, shape(block.output()), "--"});
        }
      }
    }
  }

  /**
   * {@code {"network": ..., "input": [...], "output": [...], "parameters": N, "layers": [...],
   * "memory": {...}}}: DSL.md's format, then the planned bytes ({@link MemoryPlan}).
   */
  public static String json(NetworkModel model) {
    StringBuilder b = new StringBuilder();
    b.append("{\"network\": ").append(quote(model.qualifiedName()))
        .append(", \"input\": ").append(array(model.input()))
        .append(", \"output\": ").append(array(model.output()))
        .append(",\n \"parameters\": ").append(model.parameterCount())
        .append(",\n \"layers\": [");
    List<LayerNode> layers = layers(model);
    for (int i = 0; i < layers.size(); i++) {
      LayerNode l = layers.get(i);
      b.append(i == 0 ? "" : ",\n  ")
          .append("{\"name\": ").append(quote(l.path()))
          .append(", \"kind\": ").append(quote(l.kind().displayName()))
          .append(", \"output\": ").append(array(l.output()))
          .append(", \"parameters\": ").append(l.parameterCount()).append('}');
    }
    MemoryPlan m = MemoryPlan.of(model);
    b.append("],\n \"memory\": {\"parameterBytes\": ").append(m.parameterBytes())
        .append(", \"bufferBytes\": ").append(m.bufferBytes())
        .append(", \"foldedBytes\": ").append(m.foldedBytes())
        .append(",\n  \"trainingWorkspaceBytesPerSample\": ").append(m.trainingPerSample())
        .append(", \"trainingWorkspaceBytesFixed\": ").append(m.trainingFixed())
        .append(",\n  \"inferenceWorkspaceBytesPerSample\": ").append(m.inferencePerSample())
        .append(", \"inferenceWorkspaceBytesFixed\": ").append(m.inferenceFixed())
        .append(", \"foldedInferenceWorkspaceBytesPerSample\": ").append(m.foldedPerSample())
        .append("}}\n");
    return b.toString();
  }

  private static long buffers(NetworkModel model) {
    long n = 0;
    for (LayerNode l : layers(model)) {
      for (ParamSpec p : l.params()) {
        if (!p.trainable()) {
          n += p.size();
        }
      }
    }
    return n;
  }

  private static String activation(LayerNode l) {
    String a = l.attrs().activation();
    return a.equals("NONE") ? "" : " + " + activationName(a);
  }

  private static String activationName(String constant) {
    return switch (constant) {
      case "RELU" -> "ReLU";
      case "LEAKY_RELU" -> "LeakyReLU";
      case "SIGMOID" -> "Sigmoid";
      case "TANH" -> "Tanh";
      case "GELU" -> "GELU";
      default -> constant;
    };
  }

  private static String shape(Dims d) {
    return d.rank() == 0 ? "scalar" : d.toString();
  }

  private static String array(Dims d) {
    return d.dims().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
