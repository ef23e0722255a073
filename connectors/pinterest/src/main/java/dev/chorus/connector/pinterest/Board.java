package dev.chorus.connector.pinterest;

import dev.chorus.model.Checks;

/**
 * A Pinterest board as the API lists it.
 *
 * @param id the board's opaque id (a numeric string on Pinterest; kept as text)
 * @param name the board's name
 * @param description the description, or {@code null}
 * @param privacy who sees it, or {@code null} when Pinterest sent a value this library does not know
 */
public record Board(String id, String name, String description, BoardPrivacy privacy) {

  /** Checks the id and name. */
  public Board {
    Checks.notBlank("board.id", id);
    name = name == null ? "" : name;
    description = description == null || description.isBlank() ? null : description;
  }
}
