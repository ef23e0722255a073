/**
 * JSON for the Chorus domain model, on Jackson 3: {@link dev.chorus.json.ChorusJacksonModule} for
 * host applications that bring their own mapper and {@link dev.chorus.json.ChorusJson}, a small
 * ready-made facade. The wire form is described in {@code docs/json.md}. Non-null by default.
 */
package dev.chorus.json;
