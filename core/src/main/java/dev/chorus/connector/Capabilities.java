package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.PostFormat;
import java.util.Set;

/**
 * Everything a connector declares it can do, as data a user interface can show (it serialises to
 * JSON through {@code dev.chorus.json}): features, formats, media kinds, interaction kinds, the
 * metrics it reports, its metrics batch size and the platform's limits.
 *
 * @param metricsBatchSize the most posts one metrics request may ask for (1 when not batched)
 */
public record Capabilities(
    Set<Capability> features,
    Set<PostFormat> formats,
    Set<MediaKind> mediaKinds,
    Set<InteractionKind> interactionKinds,
    Set<Metric> postMetrics,
    Set<Metric> accountMetrics,
    int metricsBatchSize,
    Limits limits) {

  public Capabilities {
    features = Checks.sortedSet("capabilities.features", features, java.util.Comparator.naturalOrder());
    formats = Checks.sortedSet("capabilities.formats", formats, java.util.Comparator.naturalOrder());
    mediaKinds = Checks.sortedSet("capabilities.mediaKinds", mediaKinds, java.util.Comparator.naturalOrder());
    interactionKinds = Checks.sortedSet("capabilities.interactionKinds", interactionKinds, java.util.Comparator.naturalOrder());
    postMetrics = Checks.sortedSet("capabilities.postMetrics", postMetrics, java.util.Comparator.comparing(Metric::name));
    accountMetrics = Checks.sortedSet("capabilities.accountMetrics", accountMetrics, java.util.Comparator.comparing(Metric::name));
    Checks.required("capabilities.limits", limits);
    if (metricsBatchSize < 1) {
      throw new dev.chorus.InvalidValueException("capabilities.metricsBatchSize", metricsBatchSize, "must be at least 1");
    }
    if (!interactionKinds.isEmpty() && !features.contains(Capability.INTERACTIONS)) {
      throw new dev.chorus.InvalidValueException(
          "capabilities.interactionKinds", interactionKinds, "declared without the INTERACTIONS feature");
    }
    for (MediaKind kind : mediaKinds) {
      if (limits.media(kind).isEmpty()) {
        throw new dev.chorus.InvalidValueException("capabilities.mediaKinds", kind, "has no media limit declared");
      }
    }
  }

  /** Whether the feature is declared. */
  public boolean supports(Capability capability) {
    return features.contains(capability);
  }

  /** Whether the format is declared. */
  public boolean supports(PostFormat format) {
    return formats.contains(format);
  }

  /**
   * Fails before any I/O when publishing the request needs a feature this connector does not
   * declare: publishing itself, native scheduling ({@code publishAt}), a poll or a first comment.
   * Connectors call it first thing in {@code publish}.
   *
   * @throws UnsupportedCapabilityException naming the first missing feature
   */
  public void requireFor(dev.chorus.model.Platform platform, PublishRequest request) {
    require(platform, Capability.PUBLISH);
    if (request.publishAt() != null) {
      require(platform, Capability.NATIVE_SCHEDULING);
    }
    if (request.poll() != null) {
      require(platform, Capability.POLL);
    }
    if (request.firstComment() != null) {
      require(platform, Capability.FIRST_COMMENT);
    }
  }

  /**
   * Fails before any I/O when the query asks for interactions, or kinds of interaction, this
   * connector does not declare.
   *
   * @throws UnsupportedCapabilityException when it does
   */
  public void requireFor(dev.chorus.model.Platform platform, InteractionQuery query) {
    require(platform, Capability.INTERACTIONS);
    for (InteractionKind kind : query.kinds()) {
      if (!interactionKinds.contains(kind)) {
        throw new UnsupportedCapabilityException(platform, Capability.INTERACTIONS);
      }
    }
  }

  /**
   * Fails when the feature is not declared.
   *
   * @throws UnsupportedCapabilityException when it is not
   */
  public void require(dev.chorus.model.Platform platform, Capability capability) {
    if (!supports(capability)) {
      throw new UnsupportedCapabilityException(platform, capability);
    }
  }

  /** A builder starting from the limits. */
  public static Builder builder(Limits limits) {
    return new Builder(limits);
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private final Limits limits;
    private Set<Capability> features = Set.of();
    private Set<PostFormat> formats = Set.of(PostFormat.FEED);
    private Set<MediaKind> mediaKinds = Set.of();
    private Set<InteractionKind> interactionKinds = Set.of();
    private Set<Metric> postMetrics = Set.of();
    private Set<Metric> accountMetrics = Set.of();
    private int metricsBatchSize = 1;

    private Builder(Limits limits) {
      this.limits = limits;
    }

    public Builder features(Capability... features) {
      this.features = Set.of(features);
      return this;
    }

    public Builder formats(PostFormat... formats) {
      this.formats = Set.of(formats);
      return this;
    }

    public Builder mediaKinds(MediaKind... kinds) {
      this.mediaKinds = Set.of(kinds);
      return this;
    }

    public Builder interactionKinds(InteractionKind... kinds) {
      this.interactionKinds = Set.of(kinds);
      return this;
    }

    public Builder postMetrics(Metric... metrics) {
      this.postMetrics = Set.of(metrics);
      return this;
    }

    public Builder accountMetrics(Metric... metrics) {
      this.accountMetrics = Set.of(metrics);
      return this;
    }

    public Builder metricsBatchSize(int size) {
      this.metricsBatchSize = size;
      return this;
    }

    public Capabilities build() {
      return new Capabilities(features, formats, mediaKinds, interactionKinds, postMetrics,
          accountMetrics, metricsBatchSize, limits);
    }
  }
}
