package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the recurrent cells' pointwise work, one (sample, step) row at a time.
 * Each method handles the whole vectors of a row and returns how many elements it did; the caller's
 * scalar loop finishes the tail. Only touched when {@link Gemm#SIMD} is true, so this class (and
 * jdk.incubator.vector) is never loaded otherwise.
 *
 * <p>exp, σ and tanh are computed from adds, multiplies and bit operations only, bit for bit as the
 * scalar {@link SeqMath#exp}, {@link SeqMath#sigmoid}, {@link SeqMath#tanh}. The Vector API's own EXP/TANH operators are
 * not used: C2 maps them to SVML while the interpreter and C1 compute them lane by lane with
 * {@code Math}, so their last bits would depend on whether the loop had been compiled yet, and
 * training would not be bit-reproducible.
 */
final class SeqVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private SeqVector() {}

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float ROUND = SeqMath.ROUND;
  private static final float EXP_MIN = SeqMath.EXP_MIN;
  private static final float EXP_MAX = SeqMath.EXP_MAX;

  /** {@code e^x} lane-wise, the float operations of {@link SeqMath#exp} in the same order. */
  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector shifted = xc.mul(LOG2E).add(ROUND);   // ROUND + n, n = round(x·log2 e)
    FloatVector n = shifted.sub(ROUND);
    FloatVector r = xc.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
    FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);  // Cephes expf coefficients
    p = p.mul(r).add(8.3334519073e-3f);
    p = p.mul(r).add(4.1665795894e-2f);
    p = p.mul(r).add(1.6666665459e-1f);
    p = p.mul(r).add(5.0000001201e-1f);
    FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
    IntVector bits = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUND)); // n as an int
    FloatVector pow2n = bits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    VectorMask<Float> under = x.lt(EXP_MIN);
    return er.mul(pow2n).blend(0f, under);
  }

  /** {@code σ(x) = 1 / (1 + e^{−x})}, as {@link SeqMath#sigmoid}. */
  static FloatVector sigmoid(FloatVector v) {
    return FloatVector.broadcast(S, 1f).div(exp(v.neg()).add(1f));
  }

  /** {@code tanh x} lane-wise, the float operations of {@link SeqMath#tanh}. */
  static FloatVector tanh(FloatVector x) {
    FloatVector z = x.mul(x);
    FloatVector small = z.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
    small = small.mul(z).sub(5.37397155531e-2f);
    small = small.mul(z).add(1.33314422036e-1f);
    small = small.mul(z).sub(3.33332819422e-1f);
    small = small.mul(z).mul(x).add(x);
    FloatVector ax = x.abs();
    FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(1f)));
    large = large.blend(large.neg(), x.lt(0f));
    return large.blend(small, ax.lt(0.625f));
  }

  /** In place {@code c[from .. from+n) = tanh(c[..])}; returns the elements done. */
  static int tanh(float[] c, int from, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      tanh(FloatVector.fromArray(S, c, from + j)).intoArray(c, from + j);
    }
    return bound;
  }

  /** In place {@code σ} over all of {@code c[from .. from+n)}, the tail with the bit-identical scalar form. */
  static void sigmoidAll(float[] c, int from, int n) {
    for (int j = sigmoid(c, from, n); j < n; j++) {
      c[from + j] = SeqMath.sigmoid(c[from + j]);
    }
  }

  /** In place {@code tanh} over all of {@code c[from .. from+n)}, the tail with the bit-identical scalar form. */
  static void tanhAll(float[] c, int from, int n) {
    for (int j = tanh(c, from, n); j < n; j++) {
      c[from + j] = SeqMath.tanh(c[from + j]);
    }
  }

  /** In place {@code c[from .. from+n) = σ(c[..])}; returns the elements done. */
  static int sigmoid(float[] c, int from, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      sigmoid(FloatVector.fromArray(S, c, from + j)).intoArray(c, from + j);
    }
    return bound;
  }

  /**
   * {@link LstmKernel}'s cell for one whole row: activates [i f g o] at gate, writes c, tanh(c), h;
   * cPrev &lt; 0 → c_{−1} = 0. Returns hd. Runs as short passes, one nonlinearity each, so that C2
   * inlines exp into every loop (vectors passed to a method that is not inlined are boxed).
   */
  static int lstmForward(float[] c, int gate, int cPrev, int cOut, int tcOut, int hOut, int hd) {
    sigmoidAll(c, gate, 2 * hd);          // i, f
    tanhAll(c, gate + 2 * hd, hd);        // g
    sigmoidAll(c, gate + 3 * hd, hd);     // o
    int bound = S.loopBound(hd);
    for (int j = 0; j < bound; j += S.length()) { // c = f·c_{t−1} + i·g
      FloatVector i = FloatVector.fromArray(S, c, gate + j);
      FloatVector g = FloatVector.fromArray(S, c, gate + 2 * hd + j);
      FloatVector ig = i.mul(g);
      FloatVector cell = cPrev >= 0
          ? FloatVector.fromArray(S, c, gate + hd + j).mul(FloatVector.fromArray(S, c, cPrev + j)).add(ig)
          : FloatVector.fromArray(S, c, gate + hd + j).mul(0f).add(ig);
      cell.intoArray(c, cOut + j);
      cell.intoArray(c, tcOut + j);
    }
    for (int j = bound; j < hd; j++) {
      float prev = cPrev >= 0 ? c[cPrev + j] : 0f;
      float cell = c[gate + hd + j] * prev + c[gate + j] * c[gate + 2 * hd + j];
      c[cOut + j] = cell;
      c[tcOut + j] = cell;
    }
    tanhAll(c, tcOut, hd);                // tanh(c)
    for (int j = 0; j < bound; j += S.length()) { // h = o·tanh(c)
      FloatVector.fromArray(S, c, gate + 3 * hd + j).mul(FloatVector.fromArray(S, c, tcOut + j)).intoArray(c, hOut + j);
    }
    for (int j = bound; j < hd; j++) {
      c[hOut + j] = c[gate + 3 * hd + j] * c[tcOut + j];
    }
    return hd;
  }

  /**
   * {@link LstmKernel}'s cell backward for one row: dh = carry dh (+ dy[yo] if yo ≥ 0), dc from the
   * carry; writes the four pre-activation gradients at dgate and dc·f back into the dc carry.
   */
  static int lstmBackward(float[] c, int gate, int dgate, int tc, int cPrev, int dh, int dc,
                          float[] dy, int yo, int hd) {
    int bound = S.loopBound(hd);
    FloatVector zero = FloatVector.zero(S);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector h = FloatVector.fromArray(S, c, dh + j);
      if (yo >= 0) {
        h = h.add(FloatVector.fromArray(S, dy, yo + j));
      }
      FloatVector i = FloatVector.fromArray(S, c, gate + j);
      FloatVector f = FloatVector.fromArray(S, c, gate + hd + j);
      FloatVector g = FloatVector.fromArray(S, c, gate + 2 * hd + j);
      FloatVector o = FloatVector.fromArray(S, c, gate + 3 * hd + j);
      FloatVector t = FloatVector.fromArray(S, c, tc + j);
      FloatVector prev = cPrev >= 0 ? FloatVector.fromArray(S, c, cPrev + j) : zero;
      FloatVector d = FloatVector.fromArray(S, c, dc + j).add(h.mul(o).mul(t.mul(t).neg().add(1f)));
      d.mul(f).intoArray(c, dc + j);
      d.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(c, dgate + j);
      d.mul(prev).mul(f).mul(f.neg().add(1f)).intoArray(c, dgate + hd + j);
      d.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(c, dgate + 2 * hd + j);
      h.mul(t).mul(o).mul(o.neg().add(1f)).intoArray(c, dgate + 3 * hd + j);
    }
    return bound;
  }

  /**
   * {@link GruKernel}'s cell for one whole row: r, z, n from the projections at x and hh (written
   * over x), h_t at hOut; hPrev &lt; 0 → h_{−1} = 0. Returns hd. Short passes as in {@link #lstmForward}.
   */
  static int gruForward(float[] c, int x, int hh, int hPrev, int hOut, int hd) {
    addInto(c, x, c, hh, 2 * hd);                 // r, z pre-activations: x-side + h-side
    for (int j = S.loopBound(2 * hd); j < 2 * hd; j++) {
      c[x + j] += c[hh + j];
    }
    sigmoidAll(c, x, 2 * hd);
    int bound = S.loopBound(hd);
    int n = x + 2 * hd;
    for (int j = 0; j < bound; j += S.length()) { // n pre-activation: x_n + r ⊙ hh_n
      FloatVector.fromArray(S, c, n + j)
          .add(FloatVector.fromArray(S, c, x + j).mul(FloatVector.fromArray(S, c, hh + 2 * hd + j)))
          .intoArray(c, n + j);
    }
    for (int j = bound; j < hd; j++) {
      c[n + j] = c[n + j] + c[x + j] * c[hh + 2 * hd + j];
    }
    tanhAll(c, n, hd);
    for (int j = 0; j < bound; j += S.length()) { // h = n + z ⊙ (h_{t−1} − n)
      FloatVector nv = FloatVector.fromArray(S, c, n + j);
      FloatVector prev = hPrev >= 0 ? FloatVector.fromArray(S, c, hPrev + j) : FloatVector.zero(S);
      nv.add(FloatVector.fromArray(S, c, x + hd + j).mul(prev.sub(nv))).intoArray(c, hOut + j);
    }
    for (int j = bound; j < hd; j++) {
      float prev = hPrev >= 0 ? c[hPrev + j] : 0f;
      c[hOut + j] = c[n + j] + c[x + hd + j] * (prev - c[n + j]);
    }
    return hd;
  }

  /** {@link GruKernel}'s cell backward for one row; leaves dh·z in the dh carry. */
  static int gruBackward(float[] c, int act, int hh, int dgx, int dgh, int hPrev, int carry,
                         float[] dy, int yo, int hd) {
    int bound = S.loopBound(hd);
    FloatVector zero = FloatVector.zero(S);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector dh = FloatVector.fromArray(S, c, carry + j);
      if (yo >= 0) {
        dh = dh.add(FloatVector.fromArray(S, dy, yo + j));
      }
      FloatVector r = FloatVector.fromArray(S, c, act + j);
      FloatVector z = FloatVector.fromArray(S, c, act + hd + j);
      FloatVector n = FloatVector.fromArray(S, c, act + 2 * hd + j);
      FloatVector prev = hPrev >= 0 ? FloatVector.fromArray(S, c, hPrev + j) : zero;
      FloatVector oneMinusZ = z.neg().add(1f);
      FloatVector dnPre = dh.mul(oneMinusZ).mul(n.mul(n).neg().add(1f));
      FloatVector dzPre = dh.mul(prev.sub(n)).mul(z).mul(oneMinusZ);
      FloatVector drPre = dnPre.mul(FloatVector.fromArray(S, c, hh + 2 * hd + j)).mul(r).mul(r.neg().add(1f));
      drPre.intoArray(c, dgx + j);
      dzPre.intoArray(c, dgx + hd + j);
      dnPre.intoArray(c, dgx + 2 * hd + j);
      drPre.intoArray(c, dgh + j);
      dzPre.intoArray(c, dgh + hd + j);
      dnPre.mul(r).intoArray(c, dgh + 2 * hd + j);
      dh.mul(z).intoArray(c, carry + j);
    }
    return bound;
  }
  /**
   * In place {@code c[from + j] = exp(c[from + j] − max)} for all {@code j < n}; returns their sum,
   * added in index order (a lane-wise reduction's order differs between C2 and the interpreter).
   */
  static float expShifted(float[] c, int from, int n, float max) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      exp(FloatVector.fromArray(S, c, from + j).sub(max)).intoArray(c, from + j);
    }
    for (int j = bound; j < n; j++) {
      c[from + j] = SeqMath.exp(c[from + j] - max);
    }
    float total = 0f;
    for (int j = 0; j < n; j++) {
      total += c[from + j];
    }
    return total;
  }

  /** {@code dst[dOff + j] += src[sOff + j]} for the whole vectors of {@code j < n}; returns the elements done. */
  static int addInto(float[] dst, int dOff, float[] src, int sOff, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector.fromArray(S, dst, dOff + j).add(FloatVector.fromArray(S, src, sOff + j)).intoArray(dst, dOff + j);
    }
    return bound;
  }
}
