package dev.staticnet.processor.gen;

import com.palantir.javapoet.CodeBlock;
import dev.staticnet.processor.model.Dims;
import dev.staticnet.processor.model.NetworkModel;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code SPEC} initialiser: {@code ModelSpec.builder(...)} with the tensors (in {@code state_dict}
 * order, at their offset constants), the steps, the workspace slots and the summary.
 */
final class SpecWriter {
  private SpecWriter() {}

  /** @param assignedGradients slots whose gradient the backward pass's first writer assigns (not zeroed) */
  static CodeBlock write(NetworkPlan plan, Set<Integer> assignedGradients) {
    NetworkModel network = plan.network;
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("$T.builder($S, $T.of($L), $T.of($L), $T.$L, $T.$L)\n", RuntimeTypes.MODEL_SPEC, network.qualifiedName(),
        RuntimeTypes.SHAPE, list(network.input()), RuntimeTypes.SHAPE, list(network.output()), RuntimeTypes.INPUT_KIND,
        network.inputKind(), RuntimeTypes.LOSS, network.loss());
    b.indent().indent();
    if (network.loss().equals("CROSS_ENTROPY") || network.loss().equals("NLL")) {
      Dims out = network.output();
      b.add(".labels($L, $L)\n", out.size() / out.last(), out.last());
    }
    for (PlacedTensor t : plan.tensors) {
      switch (t.store()) {
        case PARAM:
          b.add(".param($S, $L, $L)\n", t.name(), t.constant(), list(t.spec().shape()));
          break;
        case BUFFER:
          b.add(".buffer($S, $L, $L)\n", t.name(), t.constant(), list(t.spec().shape()));
          break;
        default:
          b.add(".counter($S, $L)\n", t.name(), t.constant());
      }
    }
    for (Op op : plan.ops) {
      if (op instanceof Op.Layer l) {
        b.add(".layer($S, $S, new int[] {$L}, $LL)\n", l.node().path(), l.node().kind().displayName(),
            list(l.node().output()), Literals.integer(l.node().parameterCount()));
      }
    }
    for (Slot s : plan.slots.subList(1, plan.slots.size())) {
      b.add(".$L($L, $L, $L) // $L\n", s.cache() ? "cache" : "slot", s.index(), s.perSample(), s.fixed(), s.variable());
    }
    for (int slot : plan.optionalGradients) {
      b.add(".optionalGradient($L) // $L\n", slot, plan.slots.get(slot).variable());
    }
    for (int slot : assignedGradients) {
      b.add(".assignedGradient($L) // $L\n", slot, plan.slots.get(slot).gradientVariable());
    }
    for (String step : plan.batchStatisticsSteps) {
      b.add(".batchStatistics($S)\n", step);
    }
    InferenceFusion fusion = plan.fusion;
    if (fusion.foldedSize > 0) {
      b.add(".folded($L)\n", fusion.foldedSize);
    }
    for (Slot s : fusion.foldedAway) {
      b.add(".foldedAway($L) // $L\n", s.index(), s.variable());
    }
    for (InferenceFusion.InPlace p : fusion.inPlace) {
      b.add(".inPlace($L, $L) // $L over $L\n", p.slot().index(), p.of().index(), p.slot().variable(),
          p.of().variable());
    }
    for (FusedActivation fused : plan.fusedActivations) {
      if (fused.inPlaceInTraining()) {
        b.add(".trainingInPlace($L, $L) // $L over $L\n", fused.out().index(), fused.pre().index(),
            fused.out().variable(), fused.pre().variable());
      }
      b.add(".sharedGradient($L, $L) // $L and $L\n", fused.out().index(), fused.pre().index(),
          fused.out().gradientVariable(), fused.pre().gradientVariable());
    }
    b.add(".summary(SUMMARY)\n");
    b.add(".build()");
    b.unindent().unindent();
    return b.build();
  }

  private static String list(Dims dims) {
    StringJoiner j = new StringJoiner(", ");
    for (int d : dims.dims()) {
      j.add(Integer.toString(d));
    }
    return j.toString();
  }
}
