package dev.chorus.connector.http.oauth;

/**
 * A started authorisation: the URL to send the user to, and the state and PKCE verifier the host
 * keeps (server-side, per user) until the redirect comes back. {@code toString} hides the verifier.
 *
 * @param url the authorisation URL with {@code state} and {@code code_challenge}
 * @param state the opaque anti-CSRF value the redirect must echo
 * @param codeVerifier the PKCE secret sent with the code exchange
 */
public record AuthorizationRequest(String url, String state, String codeVerifier) {

  @Override
  public String toString() {
    return "AuthorizationRequest[url=" + url + ", state=" + state + ", codeVerifier=<redacted>]";
  }
}
