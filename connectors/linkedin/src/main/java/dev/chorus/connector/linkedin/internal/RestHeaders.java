package dev.chorus.connector.linkedin.internal;

import dev.chorus.connector.http.ApiRequest;

/** Adds the headers every versioned {@code /rest} call needs. */
final class RestHeaders {

  static final String PROTOCOL_VERSION = "2.0.0";

  private final String version;

  RestHeaders(String version) {
    this.version = version;
  }

  /**
   * Adds {@code LinkedIn-Version}, {@code X-Restli-Protocol-Version} and, when given, the Rest.li
   * method the official client sends ({@code create}, {@code delete}).
   */
  ApiRequest.Builder rest(ApiRequest.Builder request, String restliMethod) {
    request.header("LinkedIn-Version", version).header("X-Restli-Protocol-Version", PROTOCOL_VERSION);
    if (restliMethod != null) {
      request.header("X-RestLi-Method", restliMethod);
    }
    return request;
  }
}
