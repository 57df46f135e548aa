package dev.staticnet;

/** How {@link SequencePool} reduces the time axis. */
public enum PoolMode {
  /** Mean over time. */
  MEAN,
  /** The last time step. */
  LAST,
  /** The first time step. */
  FIRST,
  /** Element-wise maximum over time. */
  MAX
}
