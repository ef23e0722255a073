package dev.chorus.json;

import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.BlackoutWindow;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.WeeklySlots;
import dev.chorus.schedule.WorkspaceScheduling;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Makes model records serialise the same on any host mapper: properties in record component order,
 * {@code null} components left out, sets and maps in a stable order. Non-model types are untouched.
 */
final class ModelPropertyModifier extends ValueSerializerModifier {

  @Override
  public List<BeanPropertyWriter> changeProperties(
      SerializationConfig config, BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
    if (!isWireType(beanDesc.getBeanClass())) {
      return properties;
    }
    List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
    for (BeanPropertyWriter property : properties) {
      BeanPropertyWriter writer = new NonNullWriter(property);
      Class<?> raw = property.getType().getRawClass();
      if (Set.class.isAssignableFrom(raw)) {
        writer.assignSerializer(erase(new ModelSerializers.SortedSetSerializer()));
      } else if (Map.class.isAssignableFrom(raw)) {
        writer.assignSerializer(erase(new ModelSerializers.SortedMapSerializer()));
      }
      changed.add(writer);
    }
    return changed;
  }

  @Override
  public List<BeanPropertyWriter> orderProperties(
      SerializationConfig config, BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
    Class<?> type = beanDesc.getBeanClass();
    if (!type.isRecord() || !isWireType(type)) {
      return properties;
    }
    List<String> order = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    List<BeanPropertyWriter> sorted = new ArrayList<>(properties);
    sorted.sort(
        Comparator.comparingInt(
            p -> {
              int index = order.indexOf(p.getName());
              return index < 0 ? Integer.MAX_VALUE : index;
            }));
    return sorted;
  }

  /** Model types and the scheduling values that the store keeps ({@code docs/json.md}). */
  static boolean isWireType(Class<?> type) {
    return ScalarRecord.isModelType(type) || SCHEDULE_VALUES.contains(type);
  }

  private static final Set<Class<?>> SCHEDULE_VALUES = Set.of(BlackoutWindow.class, DstPolicy.class,
      WeeklySlots.Slot.class, WorkspaceScheduling.class, AccountScheduling.class);

  @SuppressWarnings("unchecked")
  private static ValueSerializer<Object> erase(ValueSerializer<?> serializer) {
    return (ValueSerializer<Object>) serializer;
  }

  /** Leaves a property out when its value is {@code null}, whatever the host's inclusion rule. */
  static final class NonNullWriter extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;

    NonNullWriter(BeanPropertyWriter base) {
      super(base);
    }

    @Override
    public void serializeAsProperty(Object bean, JsonGenerator g, SerializationContext ctxt) throws Exception {
      if (get(bean) != null) {
        super.serializeAsProperty(bean, g, ctxt);
      }
    }
  }
}
