package dev.chorus.inbox;

import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import java.time.Instant;

/** An internal note on a conversation; never sent to the platform. */
public record Note(ActorId author, String text, Instant at) {

  /** Checks the values. */
  public Note {
    Checks.required("note.author", author);
    Checks.notBlank("note.text", text);
    Checks.required("note.at", at);
  }
}
