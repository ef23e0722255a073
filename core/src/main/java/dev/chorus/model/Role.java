package dev.chorus.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A named set of permissions. The built-in roles cover the usual agency split; {@link #custom}
 * makes any other combination.
 */
public record Role(String name, Set<Permission> permissions) {

  public static final Role OWNER = new Role("OWNER", EnumSet.allOf(Permission.class));
  public static final Role MANAGER =
      new Role(
          "MANAGER",
          EnumSet.complementOf(EnumSet.of(Permission.WORKSPACE_MANAGE)));
  public static final Role CREATOR =
      new Role(
          "CREATOR",
          EnumSet.of(
              Permission.CONTENT_READ,
              Permission.POST_CREATE,
              Permission.POST_SUBMIT,
              Permission.METRICS_READ,
              Permission.INBOX_READ));
  public static final Role APPROVER =
      new Role(
          "APPROVER",
          EnumSet.of(
              Permission.CONTENT_READ,
              Permission.POST_APPROVE,
              Permission.METRICS_READ,
              Permission.AUDIT_READ));
  public static final Role ANALYST =
      new Role(
          "ANALYST",
          EnumSet.of(Permission.CONTENT_READ, Permission.METRICS_READ, Permission.AUDIT_READ));
  public static final Role VIEWER = new Role("VIEWER", EnumSet.of(Permission.CONTENT_READ));

  public Role {
    Checks.notBlank("role.name", name);
    permissions = Checks.set("role.permissions", permissions);
  }

  /** A role with exactly these permissions. */
  public static Role custom(String name, Set<Permission> permissions) {
    return new Role(name, permissions);
  }

  /** The built-in role with this name, or a custom role's name is unknown here. */
  public static java.util.Optional<Role> builtIn(String name) {
    for (Role role : new Role[] {OWNER, MANAGER, CREATOR, APPROVER, ANALYST, VIEWER}) {
      if (role.name.equals(name)) {
        return java.util.Optional.of(role);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether the role grants the permission. */
  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }
}
