package dev.chorus.analytics;

import dev.chorus.json.ChorusJson;
import dev.chorus.model.Checks;

/** Renders a {@link Report} as JSON in the Chorus wire form (numbers as plain decimals). Thread-safe. */
public final class JsonReport {

  private final ChorusJson json;

  private JsonReport(ChorusJson json) {
    this.json = json;
  }

  /** A renderer with the Chorus JSON mapper. */
  public static JsonReport create() {
    return new JsonReport(ChorusJson.create());
  }

  /** The report as indented JSON. */
  public String render(Report report) {
    return json.toPrettyJson(Checks.required("report", report));
  }
}
