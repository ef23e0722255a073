package dev.chorus.connector.x.internal;

import dev.chorus.text.TextCounter;
import dev.chorus.text.XWeightedCounter;
import java.util.HashMap;
import java.util.Map;

/**
 * The X measures of the texts of one validation, each computed once: twitter-text is the costliest
 * step of a publish, and both the weighted-length limit and the invalid-character check need it.
 * Lives for one call on one thread, so it is not thread-safe.
 */
final class MeasuredTexts implements TextCounter {

  private final XWeightedCounter counter;
  private final Map<String, XWeightedCounter.Measure> measures = new HashMap<>(4);

  MeasuredTexts(XWeightedCounter counter) {
    this.counter = counter;
  }

  /** The measure of {@code text}, parsed on the first request only. */
  XWeightedCounter.Measure measure(String text) {
    return measures.computeIfAbsent(text, counter::measure);
  }

  /** The weighted length of {@code text}. */
  @Override
  public int count(String text) {
    return measure(text).weightedLength();
  }

  /** The limit of the counter, in weighted characters. */
  int maxWeightedLength() {
    return counter.maxWeightedLength();
  }
}
