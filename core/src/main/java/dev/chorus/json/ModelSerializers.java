package dev.chorus.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.Money;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.StdSerializer;

/** Serialisers for the model's value types that do not serialise as plain records. */
final class ModelSerializers extends Serializers.Base {

  @Override
  public ValueSerializer<?> findSerializer(
      SerializationConfig config, JavaType type, BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
    Class<?> raw = type.getRawClass();
    if (raw == Money.class) {
      return new MoneySerializer();
    }
    if (raw == HourOfWeekActivity.class) {
      return new ActivitySerializer();
    }
    if (ScheduleIntent.class.isAssignableFrom(raw)) {
      return new ScheduleJson.IntentSerializer();
    }
    if (raw == WeeklySlots.class) {
      return new ScheduleJson.SlotsSerializer();
    }
    ScalarRecord scalar = ScalarRecord.forType(raw);
    return scalar == null ? null : new ScalarSerializer(scalar);
  }

  /** Key serialisers: scalar records become their string. */
  static final class Keys extends Serializers.Base {
    @Override
    public ValueSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
      ScalarRecord scalar = ScalarRecord.forType(type.getRawClass());
      return scalar == null ? null : new ScalarKeySerializer(scalar);
    }
  }

  /** Money as {@code {"amount":"12.50","currency":"EUR"}}; a string amount keeps every digit. */
  static final class MoneySerializer extends StdSerializer<Money> {
    MoneySerializer() {
      super(Money.class);
    }

    @Override
    public void serialize(Money value, JsonGenerator g, SerializationContext ctxt) {
      g.writeStartObject(value);
      g.writeStringProperty("amount", value.amount().toPlainString());
      g.writeStringProperty("currency", value.currency().getCurrencyCode());
      g.writeEndObject();
    }
  }

  /** The 168 weights as a plain array, Monday 00:00 first. */
  static final class ActivitySerializer extends StdSerializer<HourOfWeekActivity> {
    ActivitySerializer() {
      super(HourOfWeekActivity.class);
    }

    @Override
    public void serialize(HourOfWeekActivity value, JsonGenerator g, SerializationContext ctxt) {
      double[] weights = value.toArray();
      g.writeArray(weights, 0, weights.length);
    }
  }

  /** A single-string record as that string. */
  static final class ScalarSerializer extends StdSerializer<Object> {
    private final ScalarRecord scalar;

    ScalarSerializer(ScalarRecord scalar) {
      super(Object.class);
      this.scalar = scalar;
    }

    @Override
    public void serialize(Object value, JsonGenerator g, SerializationContext ctxt) {
      g.writeString(scalar.text(value));
    }
  }

  /** A single-string record as an object key. */
  static final class ScalarKeySerializer extends StdSerializer<Object> {
    private final ScalarRecord scalar;

    ScalarKeySerializer(ScalarRecord scalar) {
      super(Object.class);
      this.scalar = scalar;
    }

    @Override
    public void serialize(Object value, JsonGenerator g, SerializationContext ctxt) {
      g.writeName(scalar.text(value));
    }
  }

  /**
   * A set written in a stable order (enums by declaration, everything else by its text), because
   * the model's {@code Set.copyOf} iterates in an order that changes from run to run.
   */
  static final class SortedSetSerializer extends StdSerializer<Set<?>> {
    private static final Comparator<Object> ORDER = SortedSetSerializer::compare;

    SortedSetSerializer() {
      super(Set.class);
    }

    @Override
    public void serialize(Set<?> value, JsonGenerator g, SerializationContext ctxt) {
      List<Object> sorted = new ArrayList<>(value);
      sorted.sort(ORDER);
      g.writeStartArray(value, sorted.size());
      for (Object element : sorted) {
        ctxt.writeValue(g, element);
      }
      g.writeEndArray();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
      if (a instanceof Enum && a.getClass() == b.getClass()) {
        return ((Comparable) a).compareTo(b);
      }
      return ScalarRecord.keyText(a).compareTo(ScalarRecord.keyText(b));
    }
  }

  /** A map written as an object with its keys in text order, for the same reason as sets. */
  static final class SortedMapSerializer extends StdSerializer<Map<?, ?>> {
    SortedMapSerializer() {
      super(Map.class);
    }

    @Override
    public void serialize(Map<?, ?> value, JsonGenerator g, SerializationContext ctxt) {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(value.size());
      for (Map.Entry<?, ?> entry : value.entrySet()) {
        entries.add(Map.entry(ScalarRecord.keyText(entry.getKey()), entry.getValue()));
      }
      entries.sort(Map.Entry.comparingByKey());
      g.writeStartObject(value);
      for (Map.Entry<String, Object> entry : entries) {
        g.writeName(entry.getKey());
        ctxt.writeValue(g, entry.getValue());
      }
      g.writeEndObject();
    }
  }
}
