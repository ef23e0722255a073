package dev.chorus.connector.facebook.internal;

import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.GraphApi;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Page access tokens derived from the account's long-lived user token with {@code GET
 * /me/accounts?fields=id,name,access_token}, cached per Page. A Page rejecting its token makes the
 * connector ask {@code /me/accounts} once more; a user token Meta rejects surfaces as {@code
 * AuthenticationExpiredException} after the host's source had its one refresh attempt.
 */
final class PageTokens implements CredentialSource {

  private static final Logger LOG = LoggerFactory.getLogger(PageTokens.class);
  private static final String SEPARATOR = "|page:";
  private static final int MAX_PAGES = 10;

  private final PlatformHttp userHttp;
  private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

  PageTokens(PlatformHttp userHttp) {
    this.userHttp = userHttp;
  }

  /** The reference under which the Page's token is asked for. */
  static CredentialsRef pageRef(CredentialsRef user, String pageId) {
    return new CredentialsRef(user.value() + SEPARATOR + pageId);
  }

  @Override
  public AccessToken accessToken(CredentialsRef account) {
    AccessToken cached = cache.get(account.value());
    if (cached != null) {
      return cached;
    }
    AccessToken fetched = fetch(account);
    cache.put(account.value(), fetched);
    return fetched;
  }

  @Override
  public Optional<AccessToken> refresh(CredentialsRef account, AccessToken rejected) {
    cache.remove(account.value());
    AccessToken fetched = fetch(account);
    if (fetched.equals(rejected)) {
      return Optional.empty();
    }
    cache.put(account.value(), fetched);
    return Optional.of(fetched);
  }

  private AccessToken fetch(CredentialsRef account) {
    int split = account.value().lastIndexOf(SEPARATOR);
    CredentialsRef user = new CredentialsRef(account.value().substring(0, split));
    String pageId = account.value().substring(split + SEPARATOR.length());
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ApiRequest.Builder call = ApiRequest.get("/me/accounts")
          .query("fields", "id,name,access_token")
          .query("limit", "100")
          .account(user)
          .rateLimitBucket("GET /me/accounts");
      if (cursor != null) {
        call.query("after", cursor);
      }
      ApiResponse response = userHttp.execute(call.build());
      for (JsonNode item : response.json().path("data")) {
        String token = GraphApi.text(item, "access_token");
        if (pageId.equals(GraphApi.text(item, "id")) && token != null) {
          LOG.debug("derived the Page token of page {} from the user token of {}", pageId, user.value());
          return AccessToken.of(token);
        }
      }
      cursor = GraphApi.nextCursor(response.json());
      if (cursor == null) {
        break;
      }
    }
    throw new PermissionDeniedException(Platform.FACEBOOK, 0, null, "the user token of " + user.value()
        + " does not manage page " + pageId + " (GET /me/accounts lists no token for it; grant pages_show_list "
        + "and pages_manage_posts for the page)");
  }

  @Override
  public String toString() {
    return "PageTokens[" + cache.size() + " cached]";
  }
}
