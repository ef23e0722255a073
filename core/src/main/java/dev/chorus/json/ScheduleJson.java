package dev.chorus.json;

import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.GapPolicy;
import dev.chorus.schedule.OverlapPolicy;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The wire form of a {@link ScheduleIntent} (an object with a {@code type} discriminator, local
 * times and zones exactly as written) and of {@link WeeklySlots} (an array of slots).
 */
final class ScheduleJson {

  private ScheduleJson() {}

  /** Writes {@code {"type":"atLocal","local":"2026-03-29T09:00","zone":"Europe/Berlin","dst":{...}}} and friends. */
  static final class IntentSerializer extends StdSerializer<ScheduleIntent> {
    IntentSerializer() {
      super(ScheduleIntent.class);
    }

    @Override
    public void serialize(ScheduleIntent value, JsonGenerator g, SerializationContext ctxt) {
      g.writeStartObject(value);
      if (value instanceof ScheduleIntent.At at) {
        g.writeStringProperty("type", "at");
        g.writeStringProperty("instant", at.instant().toString());
      } else if (value instanceof ScheduleIntent.AtLocal local) {
        g.writeStringProperty("type", "atLocal");
        g.writeStringProperty("local", local.local().toString());
        zone(g, local.zone());
        dst(g, local.dst());
      } else if (value instanceof ScheduleIntent.QueueSlot slot) {
        g.writeStringProperty("type", "queueSlot");
        if (slot.notBefore() != null) {
          g.writeStringProperty("notBefore", slot.notBefore().toString());
        }
      } else if (value instanceof ScheduleIntent.Recurring recurring) {
        g.writeStringProperty("type", "recurring");
        g.writeStringProperty("rule", recurring.rule());
        g.writeStringProperty("start", recurring.start().toString());
        zone(g, recurring.zone());
        dst(g, recurring.dst());
      } else {
        ScheduleIntent.BestTime best = (ScheduleIntent.BestTime) value;
        g.writeStringProperty("type", "bestTime");
        g.writeStringProperty("from", best.from().toString());
        g.writeStringProperty("to", best.to().toString());
      }
      g.writeEndObject();
    }

    private static void zone(JsonGenerator g, ZoneId zone) {
      if (zone != null) {
        g.writeStringProperty("zone", zone.getId());
      }
    }

    private static void dst(JsonGenerator g, DstPolicy dst) {
      g.writeName("dst");
      g.writeStartObject();
      g.writeStringProperty("gap", dst.gap().name());
      g.writeStringProperty("overlap", dst.overlap().name());
      g.writeEndObject();
    }
  }

  /**
   * Reads an intent through the model's own constructors, so a broken rule (a blank RRULE, an
   * inverted window) raises the model's typed error; a missing or unknown {@code type}, an
   * unparsable time or zone is a format error. A missing {@code dst} means {@link DstPolicy#DEFAULT}.
   */
  static final class IntentDeserializer extends StdDeserializer<ScheduleIntent> {
    IntentDeserializer() {
      super(ScheduleIntent.class);
    }

    @Override
    public ScheduleIntent deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.isExpectedStartObjectToken()) {
        return (ScheduleIntent) ctxt.handleUnexpectedToken(ScheduleIntent.class, p);
      }
      JsonNode node = ctxt.readTree(p);
      String type = text(ctxt, node, "type");
      if (type == null) {
        return ctxt.reportInputMismatch(this, "intent.type is required (at, atLocal, queueSlot, recurring, bestTime)");
      }
      return switch (type) {
        case "at" -> new ScheduleIntent.At(instant(ctxt, node, "instant"));
        case "atLocal" -> new ScheduleIntent.AtLocal(
            local(ctxt, node, "local"), zone(ctxt, node), dst(ctxt, node));
        case "queueSlot" -> new ScheduleIntent.QueueSlot(instant(ctxt, node, "notBefore"));
        case "recurring" -> new ScheduleIntent.Recurring(
            text(ctxt, node, "rule"), local(ctxt, node, "start"), zone(ctxt, node), dst(ctxt, node));
        case "bestTime" -> new ScheduleIntent.BestTime(instant(ctxt, node, "from"), instant(ctxt, node, "to"));
        default -> ctxt.reportInputMismatch(this,
            "intent.type %s is not one of at, atLocal, queueSlot, recurring, bestTime", type);
      };
    }

    private String text(DeserializationContext ctxt, JsonNode node, String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isString()) {
        return ctxt.reportInputMismatch(this, "intent.%s must be a string, found %s", name, value.getNodeType());
      }
      return value.stringValue();
    }

    private Instant instant(DeserializationContext ctxt, JsonNode node, String name) {
      String text = text(ctxt, node, name);
      try {
        return text == null ? null : Instant.parse(text);
      } catch (DateTimeException e) {
        return ctxt.reportInputMismatch(this, "intent.%s is not an ISO-8601 instant: %s", name, text);
      }
    }

    private LocalDateTime local(DeserializationContext ctxt, JsonNode node, String name) {
      String text = text(ctxt, node, name);
      try {
        return text == null ? null : LocalDateTime.parse(text);
      } catch (DateTimeException e) {
        return ctxt.reportInputMismatch(this, "intent.%s is not an ISO-8601 local date-time: %s", name, text);
      }
    }

    private ZoneId zone(DeserializationContext ctxt, JsonNode node) {
      String text = text(ctxt, node, "zone");
      try {
        return text == null ? null : ZoneId.of(text);
      } catch (DateTimeException e) {
        return ctxt.reportInputMismatch(this, "intent.zone is not a known zone id: %s", text);
      }
    }

    private DstPolicy dst(DeserializationContext ctxt, JsonNode node) {
      JsonNode dst = node.get("dst");
      if (dst == null || dst.isNull()) {
        return DstPolicy.DEFAULT;
      }
      if (!dst.isObject()) {
        return ctxt.reportInputMismatch(this, "intent.dst must be an object, found %s", dst.getNodeType());
      }
      String gap = text(ctxt, dst, "gap");
      String overlap = text(ctxt, dst, "overlap");
      try {
        return new DstPolicy(gap == null ? null : GapPolicy.valueOf(gap),
            overlap == null ? null : OverlapPolicy.valueOf(overlap));
      } catch (IllegalArgumentException e) {
        return ctxt.reportInputMismatch(this, "intent.dst has an unknown policy: gap %s, overlap %s", gap, overlap);
      }
    }
  }

  /** Writes the slots as an array in week order. */
  static final class SlotsSerializer extends StdSerializer<WeeklySlots> {
    SlotsSerializer() {
      super(WeeklySlots.class);
    }

    @Override
    public void serialize(WeeklySlots value, JsonGenerator g, SerializationContext ctxt) {
      g.writeStartArray(value, value.slots().size());
      for (WeeklySlots.Slot slot : value.slots()) {
        ctxt.writeValue(g, slot);
      }
      g.writeEndArray();
    }
  }

  /** Reads the array of slots; an empty array is the model's typed error (a queue needs a slot). */
  static final class SlotsDeserializer extends StdDeserializer<WeeklySlots> {
    SlotsDeserializer() {
      super(WeeklySlots.class);
    }

    @Override
    public WeeklySlots deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.isExpectedStartArrayToken()) {
        return (WeeklySlots) ctxt.handleUnexpectedToken(WeeklySlots.class, p);
      }
      WeeklySlots.Slot[] slots = ctxt.readValue(p, WeeklySlots.Slot[].class);
      return WeeklySlots.of(new ArrayList<>(List.of(slots)));
    }
  }
}
