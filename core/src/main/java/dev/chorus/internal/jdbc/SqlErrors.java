package dev.chorus.internal.jdbc;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns a driver's {@link SQLException} into text and a cause that are safe to log. Drivers may
 * echo a JDBC URL, and a URL may carry a password ({@code ?password=...}, {@code ;PASSWORD=...},
 * {@code user:secret@host}), so secrets are masked in the message and in every chained cause.
 */
public final class SqlErrors {

  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)\\b(password|passwd|pwd|secret|token|sslpassword|sslkey|credentials?)(\\s*[=:]\\s*)([^;&\\s,)\"']+)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)([^@/\\s]+)(@)");

  private SqlErrors() {}

  /** The text with every recognisable secret replaced by {@code ***}; {@code null} stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = KEY_VALUE.matcher(text).replaceAll("$1$2***");
    return USER_INFO.matcher(masked).replaceAll("$1***$3");
  }

  /** The SQL state and the redacted message, for an exception message. */
  public static String describe(SQLException e) {
    String state = e.getSQLState();
    return (state == null ? "" : "SQLState " + state + ", ") + redact(e.getMessage());
  }

  /**
   * A copy of the exception and its causes with redacted messages, the same SQL states, error
   * codes and stack traces, fit to attach as the cause of a Chorus exception.
   */
  public static SQLException sanitized(SQLException e) {
    SQLException copy = new SQLException(redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      copy.initCause(sanitizedThrowable(cause, 0));
    }
    return copy;
  }

  private static Throwable sanitizedThrowable(Throwable t, int depth) {
    if (t instanceof SQLException sql) {
      return sanitized(sql);
    }
    RedactedCause copy = new RedactedCause(t.getClass().getName() + ": " + redact(t.getMessage()));
    copy.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && cause != t && depth < 16) {
      copy.initCause(sanitizedThrowable(cause, depth + 1));
    }
    return copy;
  }

  /** A non-SQL cause whose message was redacted; its message starts with the original class name. */
  static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedCause(String message) {
      super(message);
    }
  }
}
