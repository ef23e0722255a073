package dev.chorus.model;

/**
 * A person or system that performs operations. What an actor may do depends on the role it holds
 * in the workspace it acts in ({@link Workspace#members()}).
 */
public record Actor(ActorId id, String displayName) {

  public Actor {
    Checks.required("actor.id", id);
    Checks.notBlank("actor.displayName", displayName);
  }

  /** An actor with this id and name. */
  public static Actor of(String id, String displayName) {
    return new Actor(ActorId.of(id), displayName);
  }
}
