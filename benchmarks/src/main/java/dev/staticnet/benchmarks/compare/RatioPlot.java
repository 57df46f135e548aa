package dev.staticnet.benchmarks.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the comparison as a PNG: one horizontal bar per row, its length StaticNet's advantage (the row's
 * ratio), a black tick at the row's target and a dashed line at parity (1×). Bars that reach their target
 * are green, the others orange. Pure java.awt in headless mode: no display needed.
 */
final class RatioPlot {
  private static final int WIDTH = 1100;
  private static final int LABEL = 330;    // left margin for the row names
  private static final int RIGHT = 60;
  private static final int TOP = 78;
  private static final int LANE = 40;      // height per row
  private static final int BOTTOM = 70;
  private static final Color MET = new Color(0x2e, 0x9e, 0x4f);
  private static final Color MISSED = new Color(0xe8, 0x8a, 0x1a);

  private RatioPlot() {}

  /** Writes the plot of {@code rows} to {@code png}; {@code subtitle} names machine and date. */
  static void write(List<Row> rows, String subtitle, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = TOP + LANE * Math.max(1, rows.size()) + BOTTOM;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      draw(g, rows, subtitle, height);
    } finally {
      g.dispose();
    }
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }

  private static void draw(Graphics2D g, List<Row> rows, String subtitle, int height) {
    double max = 2;
    for (Row r : rows) {
      max = Math.max(max, Math.max(r.ratio(), r.target()));
    }
    double tick = max <= 4 ? 0.5 : max <= 10 ? 1 : 2;
    max = Math.ceil(max * 1.15 / tick) * tick; // room for the value labels, a whole number of ticks
    int plotWidth = WIDTH - LABEL - RIGHT;
    int axisBottom = TOP + LANE * Math.max(1, rows.size());

    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("StaticNet / PyTorch (higher = StaticNet ahead)", 16, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, 16, 48);
    g.drawString("throughput rows: samples/s ratio; latency rows (infer-1): PyTorch µs / StaticNet µs; "
        + "black tick = issue 5's target, dashed = parity", 16, 64);

    // grid and x axis, one line per tick
    for (double v = 0; v <= max + 1e-9; v += tick) {
      int x = LABEL + (int) Math.round(v / max * plotWidth);
      g.setColor(new Color(0xe6, 0xe6, 0xe6));
      g.drawLine(x, TOP - 6, x, axisBottom);
      g.setColor(Color.DARK_GRAY);
      String label = String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f×" : "%.1f×", v);
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, axisBottom + 18);
    }
    int parity = LABEL + (int) Math.round(1 / max * plotWidth);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0));
    g.drawLine(parity, TOP - 6, parity, axisBottom);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int y = TOP + i * LANE;
      g.setColor(Color.BLACK);
      g.drawString(r.name() + " (batch " + r.batch() + ")", 16, y + LANE / 2 + 5);
      int bar = (int) Math.round(r.ratio() / max * plotWidth);
      g.setColor(r.met() ? MET : MISSED);
      g.fillRect(LABEL, y + 8, bar, LANE - 16);
      int target = LABEL + (int) Math.round(r.target() / max * plotWidth);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.2f×", r.ratio()), Math.max(LABEL + bar, target) + 6,
          y + LANE / 2 + 5);
      g.setStroke(new BasicStroke(3f));
      g.drawLine(target, y + 3, target, y + LANE - 3);
    }
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawLine(LABEL, axisBottom, LABEL + plotWidth, axisBottom);
    g.setColor(MET);
    g.fillRect(16, height - 30, 14, 14);
    g.setColor(Color.BLACK);
    g.drawString("target met", 36, height - 18);
    g.setColor(MISSED);
    g.fillRect(130, height - 30, 14, 14);
    g.setColor(Color.BLACK);
    g.drawString("target missed", 150, height - 18);
  }
}
