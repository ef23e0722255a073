package dev.chorus.cli;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An account declared on the command line as {@code handle=platform:zone}: the platform defaults to
 * {@code sandbox} and the zone to UTC ({@code acme}, {@code acme=sandbox}, {@code acme=sandbox:Europe/Berlin}).
 * The handle is also the account's id.
 */
record AccountSpec(String handle, Platform platform, ZoneId zone) {

  /** Parses the text, naming what is wrong. */
  static AccountSpec parse(String text) {
    String trimmed = text.trim();
    int eq = trimmed.indexOf('=');
    String handle = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim();
    if (handle.startsWith("@")) {
      handle = handle.substring(1);
    }
    if (handle.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no handle; expected handle=platform:zone, e.g. acme=sandbox:Europe/Berlin");
    }
    String rest = eq < 0 ? "" : trimmed.substring(eq + 1).trim();
    int colon = rest.indexOf(':');
    String platformText = (colon < 0 ? rest : rest.substring(0, colon)).trim();
    String zoneText = colon < 0 ? "" : rest.substring(colon + 1).trim();
    Platform platform;
    try {
      AccountId.of(handle);
      platform = platformText.isEmpty() ? Platform.SANDBOX : Platform.of(platformText.toLowerCase(Locale.ROOT));
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
    ZoneId zone;
    try {
      zone = zoneText.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "': '" + zoneText + "' is not a time zone id like Europe/Berlin", e);
    }
    return new AccountSpec(handle, platform, zone);
  }

  /** The account in the workspace. */
  SocialAccount account(WorkspaceId workspace) {
    return new SocialAccount(AccountId.of(handle), workspace, platform, handle, handle, zone,
        CredentialsRef.of("cli:" + platform.id() + ":" + handle));
  }

  /** The picocli converter, so a bad spec is a usage error. */
  static final class Converter implements ITypeConverter<AccountSpec> {
    @Override
    public AccountSpec convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
