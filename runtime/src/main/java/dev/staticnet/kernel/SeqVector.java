package dev.staticnet.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
 *
 * <p>How the code is written so that C2 keeps every vector in a register (when it does not, the
 * Vector API runs its Java fallback and allocates each intermediate vector on the heap: 15 MB to
 * 1.8 GB per LSTM training step, measured):
 * <ul>
 *   <li>no method takes or returns a vector: a vector passed to a call C2 does not inline is boxed,
 *       and C2 declines to inline into a method it already finds big — so e^x is written out in each
 *       loop that needs it;
 *   <li>no vector variable is given a value in one branch of an {@code if} or a {@code ?:}: the merged
 *       value loses its exact class, and the next call on it needs a type check guessed from the
 *       profile; without one (a path with no profile yet, or checks C2 has given up on) the calls stay
 *       virtual and the vector is boxed. A case split is two loops instead, each with its own
 *       straight-line body;
 *   <li>constants as receivers ({@code ONE.div(v)}), not as a loop's starting value.
 * </ul>
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

  /** Constants for receivers and operands (see the class comment). */
  private static final FloatVector ZERO = FloatVector.zero(S);
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

  /*
   * e^x appears written out in each loop that needs it (sigmoid, tanh, expShifted): the float
   * operations of SeqMath.exp in the same order, Cephes expf's polynomial on r = x − n·ln 2, times
   * 2^n built in the exponent bits. It is not a helper method on purpose. C2 may decline to inline
   * a helper into a big caller, and a vector passed to a method that is not inlined is boxed on the
   * heap, every call.
   */

  /**
   * In place {@code c[from .. from+n) = tanh(c[..])} over whole vectors, the float operations of
   * {@link SeqMath#tanh}: an odd polynomial below |x| = 0.625, else 1 − 2/(e^{2|x|} + 1) with x's sign.
   * Returns the elements done.
   */
  static int tanh(float[] c, int from, int n) {
    return tanh(c, from, c, from, n);
  }

  /** {@code dst[dOff + j] = tanh(src[sOff + j])} over the whole vectors of {@code j < n}; returns the elements done. */
  static int tanh(float[] dst, int dOff, float[] src, int sOff, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector x = FloatVector.fromArray(S, src, sOff + j);
      FloatVector z = x.mul(x);
      FloatVector small = z.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
      small = small.mul(z).sub(5.37397155531e-2f);
      small = small.mul(z).add(1.33314422036e-1f);
      small = small.mul(z).sub(3.33332819422e-1f);
      small = small.mul(z).mul(x).add(x);
      FloatVector ax = x.abs();
      FloatVector ex = ax.add(ax);
      // e^{ex}, as SeqMath.exp
      FloatVector xc = ex.max(EXP_MIN).min(EXP_MAX);
      FloatVector shifted = xc.mul(LOG2E).add(ROUND);
      FloatVector nf = shifted.sub(ROUND);
      FloatVector r = xc.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
      FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
      p = p.mul(r).add(8.3334519073e-3f);
      p = p.mul(r).add(4.1665795894e-2f);
      p = p.mul(r).add(1.6666665459e-1f);
      p = p.mul(r).add(5.0000001201e-1f);
      FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
      IntVector bits = (IntVector) shifted.reinterpretShape(INTS, 0);
      FloatVector pow2n = (FloatVector) bits.sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
          .reinterpretShape(S, 0);
      // SeqMath.exp's underflow case (argument below EXP_MIN) cannot arise: the argument is 2|x| ≥ 0
      FloatVector large = ONE.sub(TWO.div(er.mul(pow2n).add(1f)));
      large = large.blend(large.neg(), x.lt(0f));
      large.blend(small, ax.lt(0.625f)).intoArray(dst, dOff + j);
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

  /** In place {@code c[from .. from+n) = σ(c[..]) = 1/(1 + e^{−x})}, as {@link SeqMath#sigmoid}; returns the elements done. */
  static int sigmoid(float[] c, int from, int n) {
    return sigmoid(c, from, c, from, n);
  }

  /** {@code dst[dOff + j] = σ(src[sOff + j])} over the whole vectors of {@code j < n}; returns the elements done. */
  static int sigmoid(float[] dst, int dOff, float[] src, int sOff, int n) {
    int bound = S.loopBound(n);
    for (int j = 0; j < bound; j += S.length()) {
      FloatVector ex = FloatVector.fromArray(S, src, sOff + j).neg();
      // e^{ex}, as SeqMath.exp
      FloatVector xc = ex.max(EXP_MIN).min(EXP_MAX);
      FloatVector shifted = xc.mul(LOG2E).add(ROUND);
      FloatVector nf = shifted.sub(ROUND);
      FloatVector r = xc.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
      FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
      p = p.mul(r).add(8.3334519073e-3f);
      p = p.mul(r).add(4.1665795894e-2f);
      p = p.mul(r).add(1.6666665459e-1f);
      p = p.mul(r).add(5.0000001201e-1f);
      FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
      IntVector bits = (IntVector) shifted.reinterpretShape(INTS, 0);
      FloatVector pow2n = (FloatVector) bits.sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
          .reinterpretShape(S, 0);
      FloatVector e = er.mul(pow2n).blend(0f, ex.lt(EXP_MIN));
      ONE.div(e.add(1f)).intoArray(dst, dOff + j);
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
    // c = f·c_{t−1} + i·g; two loops rather than a vector chosen by a branch, which C2 would box
    if (cPrev >= 0) {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector ig = FloatVector.fromArray(S, c, gate + j).mul(FloatVector.fromArray(S, c, gate + 2 * hd + j));
        FloatVector cell = FloatVector.fromArray(S, c, gate + hd + j).mul(FloatVector.fromArray(S, c, cPrev + j)).add(ig);
        cell.intoArray(c, cOut + j);
        cell.intoArray(c, tcOut + j);
      }
    } else {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector ig = FloatVector.fromArray(S, c, gate + j).mul(FloatVector.fromArray(S, c, gate + 2 * hd + j));
        FloatVector cell = FloatVector.fromArray(S, c, gate + hd + j).mul(0f).add(ig);
        cell.intoArray(c, cOut + j);
        cell.intoArray(c, tcOut + j);
      }
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
    // dh += dy in place first, and one loop per case of c_{t−1}: no vector is chosen by a branch
    int bound = yo >= 0 ? addInto(c, dh, dy, yo, hd) : S.loopBound(hd);
    if (cPrev >= 0) {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector h = FloatVector.fromArray(S, c, dh + j);
        FloatVector i = FloatVector.fromArray(S, c, gate + j);
        FloatVector f = FloatVector.fromArray(S, c, gate + hd + j);
        FloatVector g = FloatVector.fromArray(S, c, gate + 2 * hd + j);
        FloatVector o = FloatVector.fromArray(S, c, gate + 3 * hd + j);
        FloatVector t = FloatVector.fromArray(S, c, tc + j);
        FloatVector d = FloatVector.fromArray(S, c, dc + j).add(h.mul(o).mul(t.mul(t).neg().add(1f)));
        d.mul(f).intoArray(c, dc + j);
        d.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(c, dgate + j);
        d.mul(FloatVector.fromArray(S, c, cPrev + j)).mul(f).mul(f.neg().add(1f)).intoArray(c, dgate + hd + j);
        d.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(c, dgate + 2 * hd + j);
        h.mul(t).mul(o).mul(o.neg().add(1f)).intoArray(c, dgate + 3 * hd + j);
      }
    } else {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector h = FloatVector.fromArray(S, c, dh + j);
        FloatVector i = FloatVector.fromArray(S, c, gate + j);
        FloatVector f = FloatVector.fromArray(S, c, gate + hd + j);
        FloatVector g = FloatVector.fromArray(S, c, gate + 2 * hd + j);
        FloatVector o = FloatVector.fromArray(S, c, gate + 3 * hd + j);
        FloatVector t = FloatVector.fromArray(S, c, tc + j);
        FloatVector d = FloatVector.fromArray(S, c, dc + j).add(h.mul(o).mul(t.mul(t).neg().add(1f)));
        d.mul(f).intoArray(c, dc + j);
        d.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(c, dgate + j);
        d.mul(0f).mul(f).mul(f.neg().add(1f)).intoArray(c, dgate + hd + j);
        d.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(c, dgate + 2 * hd + j);
        h.mul(t).mul(o).mul(o.neg().add(1f)).intoArray(c, dgate + 3 * hd + j);
      }
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
    // h = n + z ⊙ (h_{t−1} − n); one loop per case, no vector chosen by a branch
    if (hPrev >= 0) {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector nv = FloatVector.fromArray(S, c, n + j);
        FloatVector prev = FloatVector.fromArray(S, c, hPrev + j);
        nv.add(FloatVector.fromArray(S, c, x + hd + j).mul(prev.sub(nv))).intoArray(c, hOut + j);
      }
    } else {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector nv = FloatVector.fromArray(S, c, n + j);
        nv.add(FloatVector.fromArray(S, c, x + hd + j).mul(ZERO.sub(nv))).intoArray(c, hOut + j);
      }
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
    // dh += dy in place first, and one loop per case of h_{t−1}: no vector is chosen by a branch
    int bound = yo >= 0 ? addInto(c, carry, dy, yo, hd) : S.loopBound(hd);
    if (hPrev >= 0) {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector dh = FloatVector.fromArray(S, c, carry + j);
        FloatVector r = FloatVector.fromArray(S, c, act + j);
        FloatVector z = FloatVector.fromArray(S, c, act + hd + j);
        FloatVector n = FloatVector.fromArray(S, c, act + 2 * hd + j);
        FloatVector oneMinusZ = z.neg().add(1f);
        FloatVector dnPre = dh.mul(oneMinusZ).mul(n.mul(n).neg().add(1f));
        FloatVector dzPre = dh.mul(FloatVector.fromArray(S, c, hPrev + j).sub(n)).mul(z).mul(oneMinusZ);
        FloatVector drPre = dnPre.mul(FloatVector.fromArray(S, c, hh + 2 * hd + j)).mul(r).mul(r.neg().add(1f));
        drPre.intoArray(c, dgx + j);
        dzPre.intoArray(c, dgx + hd + j);
        dnPre.intoArray(c, dgx + 2 * hd + j);
        drPre.intoArray(c, dgh + j);
        dzPre.intoArray(c, dgh + hd + j);
        dnPre.mul(r).intoArray(c, dgh + 2 * hd + j);
        dh.mul(z).intoArray(c, carry + j);
      }
    } else {
      for (int j = 0; j < bound; j += S.length()) {
        FloatVector dh = FloatVector.fromArray(S, c, carry + j);
        FloatVector r = FloatVector.fromArray(S, c, act + j);
        FloatVector z = FloatVector.fromArray(S, c, act + hd + j);
        FloatVector n = FloatVector.fromArray(S, c, act + 2 * hd + j);
        FloatVector oneMinusZ = z.neg().add(1f);
        FloatVector dnPre = dh.mul(oneMinusZ).mul(n.mul(n).neg().add(1f));
        FloatVector dzPre = dh.mul(ZERO.sub(n)).mul(z).mul(oneMinusZ);
        FloatVector drPre = dnPre.mul(FloatVector.fromArray(S, c, hh + 2 * hd + j)).mul(r).mul(r.neg().add(1f));
        drPre.intoArray(c, dgx + j);
        dzPre.intoArray(c, dgx + hd + j);
        dnPre.intoArray(c, dgx + 2 * hd + j);
        drPre.intoArray(c, dgh + j);
        dzPre.intoArray(c, dgh + hd + j);
        dnPre.mul(r).intoArray(c, dgh + 2 * hd + j);
        dh.mul(z).intoArray(c, carry + j);
      }
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
      FloatVector ex = FloatVector.fromArray(S, c, from + j).sub(max);
      // e^{ex}, as SeqMath.exp
      FloatVector xc = ex.max(EXP_MIN).min(EXP_MAX);
      FloatVector shifted = xc.mul(LOG2E).add(ROUND);
      FloatVector nf = shifted.sub(ROUND);
      FloatVector r = xc.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
      FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
      p = p.mul(r).add(8.3334519073e-3f);
      p = p.mul(r).add(4.1665795894e-2f);
      p = p.mul(r).add(1.6666665459e-1f);
      p = p.mul(r).add(5.0000001201e-1f);
      FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
      IntVector bits = (IntVector) shifted.reinterpretShape(INTS, 0);
      FloatVector pow2n = (FloatVector) bits.sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
          .reinterpretShape(S, 0);
      er.mul(pow2n).blend(0f, ex.lt(EXP_MIN)).intoArray(c, from + j);
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
