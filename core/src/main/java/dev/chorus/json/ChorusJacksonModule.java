package dev.chorus.json;

import tools.jackson.databind.module.SimpleModule;

/**
 * The Jackson 3 module that gives the Chorus model its documented wire form ({@code docs/json.md});
 * register it on your own {@code JsonMapper} builder. Chorus never discovers modules itself.
 *
 * <p>The module handles the model's value types (single-string records such as ids, {@code
 * Platform} and {@code Metric}; {@code Money}; {@code HourOfWeekActivity}) and makes model records
 * write their components in declaration order, without {@code null}s, with sets and maps sorted.
 * Time types need {@link tools.jackson.databind.cfg.DateTimeFeature#WRITE_DATES_AS_TIMESTAMPS} and
 * {@code WRITE_DURATIONS_AS_TIMESTAMPS} disabled for ISO-8601 text, as {@link ChorusJson} does.
 */
public final class ChorusJacksonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  public ChorusJacksonModule() {
    super("chorus");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addSerializers(new ModelSerializers());
    context.addKeySerializers(new ModelSerializers.Keys());
    context.addDeserializers(new ModelDeserializers());
    context.addKeyDeserializers(new ModelDeserializers.Keys());
    context.addSerializerModifier(new ModelPropertyModifier());
  }
}
