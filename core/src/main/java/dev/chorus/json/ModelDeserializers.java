package dev.chorus.json;

import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.Money;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.KeyDeserializers;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Deserialisers for the model's value types that do not read as plain records. Each builds the
 * value through the model's own factories, so a broken rule raises the model's typed error.
 */
final class ModelDeserializers extends Deserializers.Base {

  @Override
  public ValueDeserializer<?> findBeanDeserializer(
      JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDesc) {
    Class<?> raw = type.getRawClass();
    if (raw == Money.class) {
      return new MoneyDeserializer();
    }
    if (raw == HourOfWeekActivity.class) {
      return new ActivityDeserializer();
    }
    if (ScheduleIntent.class.isAssignableFrom(raw)) {
      return new ScheduleJson.IntentDeserializer();
    }
    if (raw == WeeklySlots.class) {
      return new ScheduleJson.SlotsDeserializer();
    }
    ScalarRecord scalar = ScalarRecord.forType(raw);
    return scalar == null ? null : new ScalarDeserializer(scalar);
  }

  @Override
  public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
    return valueType == Money.class
        || valueType == HourOfWeekActivity.class
        || ScheduleIntent.class.isAssignableFrom(valueType)
        || valueType == WeeklySlots.class
        || ScalarRecord.forType(valueType) != null;
  }

  /** Key deserialisers: scalar records from their string. */
  static final class Keys implements KeyDeserializers {
    @Override
    public KeyDeserializer findKeyDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDesc) {
      ScalarRecord scalar = ScalarRecord.forType(type.getRawClass());
      if (scalar == null) {
        return null;
      }
      return new KeyDeserializer() {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
          return scalar.parse(key);
        }
      };
    }
  }

  /** Reads {@code {"amount":"12.50","currency":"EUR"}}; a JSON number amount is accepted too. */
  static final class MoneyDeserializer extends StdDeserializer<Money> {
    MoneyDeserializer() {
      super(Money.class);
    }

    @Override
    public Money deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.isExpectedStartObjectToken()) {
        return (Money) ctxt.handleUnexpectedToken(Money.class, p);
      }
      JsonNode node = ctxt.readTree(p);
      JsonNode amount = node.get("amount");
      JsonNode currency = node.get("currency");
      if (amount != null && !amount.isNull() && !amount.isString() && !amount.isNumber()) {
        return ctxt.reportInputMismatch(this, "money.amount must be a decimal string, found %s", amount.getNodeType());
      }
      if (currency != null && !currency.isNull() && !currency.isString()) {
        return ctxt.reportInputMismatch(this, "money.currency must be a string, found %s", currency.getNodeType());
      }
      String amountText =
          amount == null || amount.isNull() ? null : amount.isNumber() ? amount.decimalValue().toPlainString() : amount.stringValue();
      String currencyText = currency == null || currency.isNull() ? null : currency.stringValue();
      return Money.of(amountText, currencyText);
    }
  }

  /** Reads the array of 168 weights. */
  static final class ActivityDeserializer extends StdDeserializer<HourOfWeekActivity> {
    ActivityDeserializer() {
      super(HourOfWeekActivity.class);
    }

    @Override
    public HourOfWeekActivity deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.isExpectedStartArrayToken()) {
        return (HourOfWeekActivity) ctxt.handleUnexpectedToken(HourOfWeekActivity.class, p);
      }
      return HourOfWeekActivity.of(ctxt.readValue(p, double[].class));
    }
  }

  /** Reads a single-string record from a JSON string. */
  static final class ScalarDeserializer extends StdDeserializer<Object> {
    private final ScalarRecord scalar;

    ScalarDeserializer(ScalarRecord scalar) {
      super(scalar.type());
      this.scalar = scalar;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return ctxt.handleUnexpectedToken(scalar.type(), p);
      }
      return scalar.parse(p.getString());
    }
  }
}
