package dev.staticnet.processor.parse;

import dev.staticnet.processor.model.Dims;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/** An {@code @ExpectShape} on a step, with its mirror for diagnostics. */
public record ExpectDecl(Dims dims, AnnotationMirror mirror, AnnotationValue value) {}
