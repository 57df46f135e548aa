package dev.staticnet.processor.gen;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Sources of the kernel classes generated code calls, with the signatures of the kernel contract,
 * for the ones not yet on the classpath (so generated code can be compiled before they land).
 */
final class KernelStubs {
  private static final Map<String, String> STUBS = Map.of(
      "Dense", "public static void forward(float[] y, float[] x, float[] params, int wOff, int bOff, int rows, int in, int out) {}"
          + " public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff, int bOff, int rows, int in, int out) {}",
      "Activations", "public static void forward(dev.staticnet.Activation kind, float[] y, float[] x, int n, float slope) {}"
          + " public static void backward(dev.staticnet.Activation kind, float[] dx, float[] dy, float[] x, float[] y, int n, float slope) {}",
      "Softmax", "public static void forward(float[] y, float[] x, int rows, int n) {}"
          + " public static void backward(float[] dx, float[] dy, float[] y, int rows, int n) {}",
      "LogSoftmax", "public static void forward(float[] y, float[] x, int rows, int n) {}"
          + " public static void backward(float[] dx, float[] dy, float[] y, int rows, int n) {}",
      "LayerNormKernel", "public static void forward(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff, int bOff, int rows, int n, float eps) {}"
          + " public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] mean, float[] rstd, float[] params, int wOff, int bOff, int rows, int n) {}",
      "BatchNormKernel", "public static void forwardTrain(float[] y, float[] mean, float[] rstd, float[] x, float[] params, int wOff, int bOff, float[] buffers, int rmOff, int rvOff, int batch, int channels, int spatial, float eps, float momentum) {}"
          + " public static void forwardEval(float[] y, float[] x, float[] params, int wOff, int bOff, float[] buffers, int rmOff, int rvOff, int batch, int channels, int spatial, float eps) {}"
          + " public static void backward(float[] dx, float[] dparams, float[] dy, float[] x, float[] mean, float[] rstd, float[] params, int wOff, int bOff, int batch, int channels, int spatial) {}"
          + " public static void backwardEval(float[] dx, float[] dparams, float[] dy, float[] x, float[] params, int wOff, int bOff, float[] buffers, int rmOff, int rvOff, int batch, int channels, int spatial, float eps) {}",
      "DropoutKernel", "public static void forward(float[] y, float[] mask, float[] x, int n, float p, dev.staticnet.train.Rng rng) {}"
          + " public static void backward(float[] dx, float[] dy, float[] mask, int n) {}",
      "Tensors", "public static void add(float[] y, float[] a, float[] b, int n) {}"
          + " public static void accumulate(float[] dst, float[] src, int n) {}"
          + " public static void copy(float[] dst, float[] src, int n) {}");

  private KernelStubs() {}

  static List<JavaFileObject> missing() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Map.Entry<String, String> e : STUBS.entrySet()) {
      String name = "dev.staticnet.kernel." + e.getKey();
      try {
        Class.forName(name);
      } catch (ClassNotFoundException absent) {
        sources.add(JavaFileObjects.forSourceString(name,
            "package dev.staticnet.kernel; public final class " + e.getKey() + " { " + e.getValue() + " }"));
      }
    }
    return sources;
  }
}
