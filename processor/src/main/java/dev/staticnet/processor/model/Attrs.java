package dev.staticnet.processor.model;

/**
 * A step's annotation attributes after parsing and defaulting, one record for every kind (fields a
 * kind does not have keep their defaults). Two-element arrays are {height, width}; the parser has
 * already expanded one-value forms ({@code kernel = 3} becomes {3, 3}) and defaulted pool strides.
 * {@code activation} and {@code nonlinearity} hold the {@code dev.staticnet.Activation} constant
 * name; {@code poolMode} the {@code PoolMode} name; {@code initScheme} the {@code InitScheme} name.
 */
public record Attrs(
    int out,
    int in,
    boolean bias,
    String activation,
    int[] kernel,
    int[] stride,
    int[] padding,
    int[] dilation,
    int groups,
    double eps,
    double momentum,
    boolean affine,
    double p,
    double slope,
    int vocab,
    int dim,
    int hidden,
    String nonlinearity,
    boolean returnSequences,
    int heads,
    boolean causal,
    boolean outProjection,
    String poolMode,
    String initScheme,
    double initStd) {

  /** Defaults for every field: what a step without that attribute holds. */
  public static Attrs defaults() {
    return new Attrs(-1, -1, true, "NONE", new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1,
        1e-5, 0.1, true, 0, 0.01, 0, 0, 0, "TANH", false, 0, false, true, "MEAN", "DEFAULT", 0.01);
  }
}
