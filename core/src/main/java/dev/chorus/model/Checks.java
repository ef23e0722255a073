package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Argument checks shared by the model's compact constructors; each names the field it checks. */
public final class Checks {

  private Checks() {}

  /** Requires a non-null value. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "is required");
    }
    return value;
  }

  /** Requires a string with at least one non-whitespace character. */
  public static String notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    return value;
  }

  /** Null or a string with at least one non-whitespace character. */
  public static String blankToNull(String field, String value) {
    if (value != null && value.isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank when present");
    }
    return value;
  }

  /** Requires {@code value >= 0}. */
  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }

  /** Null or a number {@code >= 0}. */
  public static Integer nonNegative(String field, Integer value) {
    if (value != null && value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }

  /** Copies a list, treating null as empty and rejecting null elements. */
  public static <T> List<T> list(String field, Collection<? extends T> values) {
    if (values == null) {
      return List.of();
    }
    int index = 0;
    for (T value : values) {
      if (value == null) {
        throw new InvalidValueException(field + "[" + index + "]", null, "must not be null");
      }
      index++;
    }
    return List.copyOf(values);
  }

  /** Copies a set, treating null as empty and rejecting null elements. */
  public static <T> Set<T> set(String field, Collection<? extends T> values) {
    if (values == null) {
      return Set.of();
    }
    for (T value : values) {
      if (value == null) {
        throw new InvalidValueException(field, null, "must not contain null");
      }
    }
    return stable(values);
  }

  /**
   * An unmodifiable copy whose iteration order is stable: natural order when every element is
   * comparable (enums, strings), otherwise the order given. {@link Set#copyOf} iterates in an order
   * that changes from one JVM run to the next, which would make JSON output differ between runs.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> Set<T> stable(Collection<? extends T> values) {
    boolean comparable = true;
    for (T value : values) {
      comparable &= value instanceof Comparable;
    }
    Set<T> copy;
    if (comparable && !values.isEmpty()) {
      copy = new java.util.LinkedHashSet<>((Set<T>) new java.util.TreeSet<>((Collection) values));
    } else {
      copy = new java.util.LinkedHashSet<>(values);
    }
    return java.util.Collections.unmodifiableSet(copy);
  }

  /**
   * Copies a set in a stable order (so it serialises the same way every time), treating null as
   * empty and rejecting null elements.
   */
  public static <T> Set<T> sortedSet(
      String field, Collection<? extends T> values, java.util.Comparator<? super T> order) {
    Set<T> checked = set(field, values);
    java.util.TreeSet<T> sorted = new java.util.TreeSet<>(order);
    sorted.addAll(checked);
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(sorted));
  }

  /** Copies a map, treating null as empty and rejecting null keys or values. */
  public static <K, V> Map<K, V> map(String field, Map<? extends K, ? extends V> values) {
    if (values == null) {
      return Map.of();
    }
    for (Map.Entry<? extends K, ? extends V> entry : values.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new InvalidValueException(
            field + "." + entry.getKey(), entry.getValue(), "must not contain null");
      }
    }
    return Map.copyOf(values);
  }

  /** Copies a map of counters like {@link #map}, also rejecting a negative count (named {@code field.metric}). */
  public static Map<Metric, Long> counters(String field, Map<Metric, Long> values) {
    Map<Metric, Long> copy = map(field, values);
    copy.forEach((metric, count) -> nonNegative(field + "." + metric, count));
    return copy;
  }
}
