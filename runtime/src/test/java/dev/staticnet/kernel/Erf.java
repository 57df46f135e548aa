package dev.staticnet.kernel;

/**
 * The error function in double precision, relative error below 2e-9 over the whole line: the
 * reference the float GELU of {@link Activations} is measured against (it computed GELU itself
 * until GELU moved to float Vector API loops).
 *
 * <p>Two fits made for StaticNet (least squares on Chebyshev nodes against a double reference):
 * for |z| &lt; 1, {@code erf(z) = z·P(z²)} with P of degree 7 (rel. error 4e-11); for 1 ≤ |z| &lt; 10,
 * {@code erfc(z) = exp(-z²)·w·Q(s)} with {@code w = 1/z}, {@code s = (w - 0.55)/0.45} and Q of degree
 * 12 (rel. error 2e-9). Beyond 10, erfc underflows float.
 */
final class Erf {
  private static final double[] P = {
      1.1283791670623606, -0.3761263847599092, 0.1128378262205564, -0.02686543831009479,
      0.005221053411263796, -0.0008484396530781944, 0.00011268253741585692, -9.673590351753697e-06};
  private static final double[] Q = {
      0.502353423343128, -0.07651580729550614, -0.004123688263911812, 0.008962924200195784,
      -0.003978206619885342, 0.0009196535675920613, 9.776484305609621e-05, -0.00022537078683008838,
      0.00014355174490790875, -7.294686730922286e-05, 1.4103316823303538e-05, 1.8370824178186282e-05,
      -1.0196621139874009e-05};

  private Erf() {}

  /** erf(z). */
  static double erf(double z) {
    double a = Math.abs(z);
    if (a < 1) {
      return z * horner(P, z * z);
    }
    double e = 1 - erfcPositive(a);
    return z < 0 ? -e : e;
  }

  /** erfc(z) = 1 - erf(z), accurate in the tails (no cancellation for large z). */
  static double erfc(double z) {
    double a = Math.abs(z);
    if (a < 1) {
      return 1 - z * horner(P, z * z);
    }
    double tail = erfcPositive(a);
    return z < 0 ? 2 - tail : tail;
  }

  /** erfc(a) for a ≥ 1. */
  private static double erfcPositive(double a) {
    if (a >= 10 || Double.isNaN(a)) {
      return Double.isNaN(a) ? a : 0;
    }
    double w = 1 / a;
    return Math.exp(-a * a) * w * horner(Q, (w - 0.55) / 0.45);
  }

  private static double horner(double[] c, double x) {
    double r = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      r = r * x + c[i];
    }
    return r;
  }
}
