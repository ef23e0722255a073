package dev.chorus.inbox;

import dev.chorus.model.Checks;

/** A pre-approved statement to publish or reply with while the workspace is in crisis mode. */
public record HoldingStatement(String name, String text) {

  /** Checks the values. */
  public HoldingStatement {
    Checks.notBlank("holdingStatement.name", name);
    Checks.notBlank("holdingStatement.text", text);
  }
}
