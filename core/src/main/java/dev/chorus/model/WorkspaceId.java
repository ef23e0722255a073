package dev.chorus.model;

import java.util.UUID;

/** The opaque identifier of a {@link Workspace}. */
public record WorkspaceId(String value) {

  public WorkspaceId {
    Checks.notBlank("workspaceId", value);
    if (value.length() > 200) {
      throw new dev.chorus.InvalidValueException("workspaceId", value, "must be at most 200 characters");
    }
  }

  /** Wraps an existing id. */
  public static WorkspaceId of(String value) {
    return new WorkspaceId(value);
  }

  /** A new random id. */
  public static WorkspaceId random() {
    return new WorkspaceId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
