package dev.chorus.json;

import dev.chorus.ChorusException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A model record that wraps exactly one string (every {@code *Id}, {@code Platform}, {@code Metric},
 * {@code CredentialsRef}) and is therefore written as that bare string. Found by shape, so a new id
 * record needs no code here.
 */
final class ScalarRecord {

  static final String MODEL_PACKAGE = "dev.chorus.model";

  private final Class<?> type;
  private final Method accessor;
  private final Constructor<?> constructor;

  private ScalarRecord(Class<?> type, Method accessor, Constructor<?> constructor) {
    this.type = type;
    this.accessor = accessor;
    this.constructor = constructor;
  }

  /** Whether the class belongs to the Chorus domain model. */
  static boolean isModelType(Class<?> type) {
    return MODEL_PACKAGE.equals(type.getPackageName());
  }

  /** The scalar view of the type, or {@code null} when it is not a single-string model record. */
  static ScalarRecord forType(Class<?> type) {
    if (!type.isRecord() || !isModelType(type)) {
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    if (components.length != 1 || components[0].getType() != String.class) {
      return null;
    }
    try {
      return new ScalarRecord(type, components[0].getAccessor(), type.getDeclaredConstructor(String.class));
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  Class<?> type() {
    return type;
  }

  /** The wrapped string. */
  String text(Object value) {
    try {
      return (String) accessor.invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
    }
  }

  /** A new instance; the model's own validation error propagates unchanged. */
  Object parse(String text) {
    try {
      return constructor.newInstance(text);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ChorusException chorus) {
        throw chorus;
      }
      throw new IllegalStateException("cannot create " + type.getSimpleName(), e.getCause());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot create " + type.getSimpleName(), e);
    }
  }

  /**
   * The text a value takes as a JSON object key: scalar records by their string, enums by name,
   * anything else by {@code toString()}.
   */
  static String keyText(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key instanceof Enum<?> constant) {
      return constant.name();
    }
    ScalarRecord scalar = forType(key.getClass());
    return scalar == null ? String.valueOf(key) : scalar.text(key);
  }
}
