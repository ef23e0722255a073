package dev.chorus.cli;

import java.io.PrintWriter;

/** A one-line text progress bar on standard error, redrawn with a carriage return; silent when off. */
final class Progress implements AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean on;
  private final String label;
  private final int total;
  private int done;
  private boolean drawn;

  Progress(PrintWriter err, boolean on, String label, int total) {
    this.err = err;
    this.on = on && total > 0;
    this.label = label;
    this.total = total;
  }

  /** Marks {@code n} more units done. */
  void step(int n) {
    set(done + n);
  }

  /** Sets the units done (clamped to the total). */
  void set(int value) {
    done = Math.max(0, Math.min(total, value));
    if (!on) {
      return;
    }
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
    err.flush();
    drawn = true;
  }

  @Override
  public void close() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
