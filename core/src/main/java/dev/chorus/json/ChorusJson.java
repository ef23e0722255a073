package dev.chorus.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chorus.ChorusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the Chorus model as JSON in its documented wire form. Immutable and thread-safe;
 * build one with {@link #create()} and share it. Errors are always Chorus exceptions: a value that
 * breaks a model rule raises that rule's {@link dev.chorus.InvalidValueException}, anything else a
 * {@link JsonFormatException} with the JSON path. Unknown properties are ignored, so a reader
 * accepts JSON written by a newer Chorus.
 */
public final class ChorusJson {

  private final JsonMapper mapper;

  private ChorusJson(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** A facade over a new mapper configured for the Chorus wire form. */
  public static ChorusJson create() {
    return new ChorusJson(configure(JsonMapper.builder()).build());
  }

  /**
   * Applies the Chorus wire form to a host's mapper builder: registers {@link ChorusJacksonModule}
   * and sets the features it relies on. Returns the same builder.
   */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .addModule(new ChorusJacksonModule())
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL));
  }

  /** The underlying mapper; Jackson 3 mappers are immutable, so sharing it is safe. */
  public JsonMapper mapper() {
    return mapper;
  }

  /** The value as compact JSON. */
  public String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** The value as indented JSON, as in the golden files and the documentation. */
  public String toPrettyJson(Object value) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** The value as compact JSON in UTF-8. */
  public byte[] toJsonBytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** Reads a value of the type; a JSON {@code null} document is refused. */
  public <T> T fromJson(String json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    try {
      return requireDocument(mapper.readValue(json, type), type);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** Reads a value of the type from UTF-8 (or BOM-marked UTF-16/32) bytes. */
  public <T> T fromJson(byte[] json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    try {
      return requireDocument(mapper.readValue(json, type), type);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  private static <T> T requireDocument(T value, Class<T> type) {
    if (value == null) {
      throw new JsonFormatException("$", "expected " + type.getSimpleName() + " but found no value", null);
    }
    return value;
  }

  /** The model's own error if one caused the failure, else a {@link JsonFormatException}. */
  static ChorusException translate(JacksonException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ChorusException chorus) {
        return chorus;
      }
    }
    String problem = e.getOriginalMessage();
    TokenStreamLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      problem += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    String path =
        e.getPath().isEmpty() && e.processor() instanceof JsonParser parser
            ? path(parser.streamReadContext())
            : path(e.getPath());
    return new JsonFormatException(path, problem, e);
  }

  /** The path from the parser's position, for syntax errors that carry no databind path. */
  private static String path(TokenStreamContext context) {
    List<String> segments = new ArrayList<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.hasCurrentName()) {
        segments.add("." + c.currentName());
      } else if (c.inArray() && c.hasCurrentIndex()) {
        segments.add("[" + c.getCurrentIndex() + "]");
      }
    }
    Collections.reverse(segments);
    return "$" + String.join("", segments);
  }

  private static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder("$");
    for (JacksonException.Reference reference : references) {
      if (reference.getPropertyName() != null) {
        path.append('.').append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
