package dev.staticnet.processor.model;

/** Every layer annotation of DSL.md §3, with the name PyTorch gives the module. */
public enum StepKind {
  LINEAR("Linear", "dev.staticnet.Linear"),
  FLATTEN("Flatten", "dev.staticnet.Flatten"),
  CONV2D("Conv2d", "dev.staticnet.Conv2d"),
  MAX_POOL2D("MaxPool2d", "dev.staticnet.MaxPool2d"),
  AVG_POOL2D("AvgPool2d", "dev.staticnet.AvgPool2d"),
  GLOBAL_AVG_POOL("GlobalAvgPool", "dev.staticnet.GlobalAvgPool"),
  BATCH_NORM("BatchNorm", "dev.staticnet.BatchNorm"),
  LAYER_NORM("LayerNorm", "dev.staticnet.LayerNorm"),
  DROPOUT("Dropout", "dev.staticnet.Dropout"),
  RELU("ReLU", "dev.staticnet.ReLU"),
  LEAKY_RELU("LeakyReLU", "dev.staticnet.LeakyReLU"),
  SIGMOID("Sigmoid", "dev.staticnet.Sigmoid"),
  TANH("Tanh", "dev.staticnet.Tanh"),
  GELU("GELU", "dev.staticnet.GELU"),
  SOFTMAX("Softmax", "dev.staticnet.Softmax"),
  LOG_SOFTMAX("LogSoftmax", "dev.staticnet.LogSoftmax"),
  EMBEDDING("Embedding", "dev.staticnet.Embedding"),
  POSITIONAL_EMBEDDING("PositionalEmbedding", "dev.staticnet.PositionalEmbedding"),
  RNN("RNN", "dev.staticnet.RNN"),
  LSTM("LSTM", "dev.staticnet.LSTM"),
  GRU("GRU", "dev.staticnet.GRU"),
  MULTI_HEAD_ATTENTION("MultiheadAttention", "dev.staticnet.MultiHeadAttention"),
  SEQUENCE_POOL("SequencePool", "dev.staticnet.SequencePool");

  private final String displayName;
  private final String annotation;

  StepKind(String displayName, String annotation) {
    this.displayName = displayName;
    this.annotation = annotation;
  }

  /** The kind as the summary prints it (PyTorch's module class name). */
  public String displayName() {
    return displayName;
  }

  /** Qualified name of the annotation that declares this kind. */
  public String annotation() {
    return annotation;
  }

  /** The simple annotation name, as a user writes it: {@code @Linear}. */
  public String simpleAnnotation() {
    return annotation.substring(annotation.lastIndexOf('.') + 1);
  }
}
