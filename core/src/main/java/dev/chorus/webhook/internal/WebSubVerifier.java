package dev.chorus.webhook.internal;

import dev.chorus.connector.Secret;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.webhook.WebhookItem;
import dev.chorus.webhook.WebhookPayloadException;
import dev.chorus.webhook.WebhookRequest;
import dev.chorus.webhook.WebhookResponse;
import dev.chorus.webhook.WebhookResult;
import dev.chorus.webhook.WebhookSettings;
import dev.chorus.webhook.WebhookSignatureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebSub (YouTube push notifications): the {@code hub.*} intent verification for the expected
 * topics and Atom deliveries signed in {@code X-Hub-Signature: <method>=<hex HMAC>}.
 */
public final class WebSubVerifier extends BaseVerifier {

  static final String SIGNATURE = "X-Hub-Signature";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String YT = "http://www.youtube.com/xml/schemas/2015";
  private static final String TOMBSTONE = "http://purl.org/atompub/tombstones/1.0";

  private final Secret hubSecret;
  private final Set<String> topics;

  /** A verifier for subscriptions to these topics, signed with the hub secret. */
  public WebSubVerifier(Platform platform, Secret hubSecret, Set<String> topics, WebhookSettings settings) {
    super(platform, hubSecret, settings);
    this.hubSecret = hubSecret;
    this.topics = Checks.set("webhookVerifier.topics", topics);
  }

  @Override
  public WebhookResult verify(WebhookRequest request) {
    return switch (request.method()) {
      case "GET" -> intent(request);
      case "POST" -> delivery(request);
      default -> throw unsupportedMethod(request);
    };
  }

  private WebhookResult intent(WebhookRequest request) {
    String mode = request.query("hub.mode").orElse("");
    if (!mode.equals("subscribe") && !mode.equals("unsubscribe")) {
      throw new WebhookPayloadException(platform, "hub.mode must be subscribe or unsubscribe (was \"" + mode + "\")");
    }
    String topic = request.query("hub.topic").orElse("");
    if (!topics.contains(topic)) {
      throw new WebhookPayloadException(platform, "hub.topic \"" + topic + "\" was not subscribed to");
    }
    String challenge = request.query("hub.challenge")
        .orElseThrow(() -> new WebhookPayloadException(platform, "hub.challenge is missing"));
    return new WebhookResult.Handshake(platform, WebhookResponse.text(challenge));
  }

  private WebhookResult delivery(WebhookRequest request) {
    String header = requireHeader(request, SIGNATURE);
    int eq = header.indexOf('=');
    String algorithm = eq < 0 ? "" : switch (header.substring(0, eq).trim().toLowerCase(Locale.ROOT)) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha384" -> "HmacSHA384";
      case "sha512" -> "HmacSHA512";
      default -> "";
    };
    if (algorithm.isEmpty()) {
      throw new WebhookSignatureException(platform, SIGNATURE, "is malformed (expected sha1=<hex>)");
    }
    byte[] body = request.body();
    requireMatch(SIGNATURE, Crypto.hmac(algorithm, hubSecret, body), Crypto.unhex(header.substring(eq + 1)));
    return dedupe(parse(body));
  }

  private List<WebhookItem> parse(byte[] body) {
    Element feed;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      feed = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new WebhookPayloadException(platform, "body is not an Atom feed: " + e.getMessage());
    }
    List<WebhookItem> items = new ArrayList<>();
    for (Node n = feed.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      if (ATOM.equals(e.getNamespaceURI()) && "entry".equals(e.getLocalName())) {
        ObjectNode raw = mapper.createObjectNode();
        put(raw, "id", child(e, ATOM, "id"));
        put(raw, "videoId", child(e, YT, "videoId"));
        put(raw, "channelId", child(e, YT, "channelId"));
        put(raw, "title", child(e, ATOM, "title"));
        put(raw, "published", child(e, ATOM, "published"));
        put(raw, "updated", child(e, ATOM, "updated"));
        NodeList links = e.getElementsByTagNameNS(ATOM, "link");
        if (links.getLength() > 0) {
          put(raw, "link", ((Element) links.item(0)).getAttribute("href"));
        }
        String id = text(raw, "id");
        String updated = text(raw, "updated");
        items.add(new WebhookItem(idOr(id == null ? null : id + "@" + updated, raw), "entry", raw, null));
      } else if (TOMBSTONE.equals(e.getNamespaceURI()) && "deleted-entry".equals(e.getLocalName())) {
        ObjectNode raw = mapper.createObjectNode();
        put(raw, "ref", e.getAttribute("ref"));
        put(raw, "when", e.getAttribute("when"));
        String ref = text(raw, "ref");
        items.add(new WebhookItem(idOr(ref == null ? null : "deleted:" + ref, raw), "deleted-entry", raw, null));
      }
    }
    return items;
  }

  private static String child(Element parent, String namespace, String name) {
    NodeList list = parent.getElementsByTagNameNS(namespace, name);
    return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
