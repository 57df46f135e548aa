/**
 * The runtime kernels the generated models call: {@link dev.staticnet.kernel.Gemm} and
 * {@link dev.staticnet.kernel.Dense}, activations, softmax, normalisation, dropout, losses.
 *
 * <p>Conventions (llm.c style): buffers are flat row-major {@code float[]} starting at index 0,
 * parameters live in one flat {@code params} array addressed by offsets (gradients in
 * {@code dparams}, same layout); arguments run outputs → inputs → sizes; every backward ADDS into
 * its gradient outputs (callers zero them) and a {@code null} gradient output is skipped. Numerics
 * follow PyTorch float32 (see SEMANTICS.md).
 *
 * <p>Switches: {@code -Dstaticnet.simd=false} forces the scalar GEMM, {@code -Dstaticnet.threads=N}
 * sets the thread count of {@link dev.staticnet.kernel.Parallel}. The Vector API path needs
 * {@code --add-modules jdk.incubator.vector} at run time; without it everything still works, scalar.
 */
package dev.staticnet.kernel;
