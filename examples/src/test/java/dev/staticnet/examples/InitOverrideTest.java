package dev.staticnet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.staticnet.Init;
import dev.staticnet.InitScheme;
import dev.staticnet.Layer;
import dev.staticnet.LayerNorm;
import dev.staticnet.Linear;
import dev.staticnet.Loss;
import dev.staticnet.Model;
import dev.staticnet.Network;
import org.junit.jupiter.api.Test;

/** {@code @Init} on the network applies to every weighted step; on a step it wins; biases start at 0. */
class InitOverrideTest {
  @Network(input = {3}, loss = Loss.MSE)
  @Init(scheme = InitScheme.ZEROS)
  interface Overridden extends Model {
    @Linear(out = 4) Layer zeroed();
    @Init(scheme = InitScheme.NORMAL, std = 0.5) @Linear(out = 400) Layer normal();
    @LayerNorm Layer norm();
    @Init(scheme = InitScheme.KAIMING_UNIFORM) @Linear(out = 2) Layer kaiming();
  }

  @Test
  void overridesReplacePyTorchsDefaults() {
    Model m = new StaticNet_InitOverrideTest_Overridden(3);
    assertArrayEquals(new float[12], m.parameters().get("zeroed.weight"));
    assertArrayEquals(new float[4], m.parameters().get("zeroed.bias"));
    float[] w = m.parameters().get("normal.weight");
    double sum = 0;
    double squares = 0;
    for (float v : w) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / w.length;
    assertEquals(0, mean, 0.05, "mean of N(0, 0.5)");
    assertEquals(0.5, Math.sqrt(squares / w.length - mean * mean), 0.05, "std of N(0, 0.5) over 1600 draws");
    assertArrayEquals(new float[400], m.parameters().get("normal.bias"));
    float[] ones = new float[400];
    java.util.Arrays.fill(ones, 1f);
    assertArrayEquals(ones, m.parameters().get("norm.weight"), "norms keep weight 1 under @Init");
    // Kaiming uniform: bound sqrt(6 / fan_in) with fan_in 400.
    float bound = (float) Math.sqrt(6.0 / 400);
    float max = 0;
    for (float v : m.parameters().get("kaiming.weight")) {
      max = Math.max(max, Math.abs(v));
    }
    assertEquals(true, max <= bound && max > 0.5f * bound, "max |w| " + max + " within (b/2, b], b = " + bound);
  }
}
