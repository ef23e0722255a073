package dev.chorus.connector.tiktok.internal;

import dev.chorus.InvalidValueException;

/**
 * How a FILE_UPLOAD video is cut into chunks, by TikTok's media-transfer rules: chunks of 5 to 64 MB
 * sent in order, {@code total_chunk_count = floor(video_size / chunk_size)}, the last chunk taking
 * the remainder (up to 128 MB), a file no larger than one chunk sent whole with {@code chunk_size ==
 * video_size}, and 1 to 1000 chunks.
 *
 * @param videoSize the file's bytes
 * @param chunkSize the {@code chunk_size} sent to TikTok
 * @param chunkCount the {@code total_chunk_count} sent to TikTok
 */
public record ChunkPlan(long videoSize, long chunkSize, int chunkCount) {

  /** The smallest chunk TikTok accepts except for a file sent whole (5 MiB, the stricter reading of 5 MB). */
  public static final long MIN_CHUNK = 5L * 1024 * 1024;

  /** The largest ordinary chunk (64,000,000 bytes, the stricter reading of 64 MB). */
  public static final long MAX_CHUNK = 64_000_000L;

  /** The largest last chunk (128,000,000 bytes). */
  public static final long MAX_LAST_CHUNK = 128_000_000L;

  /** The most chunks one upload may have. */
  public static final int MAX_CHUNKS = 1000;

  public ChunkPlan {
    if (videoSize < 1) {
      throw new InvalidValueException("video.size", videoSize, "must be positive");
    }
    if (chunkCount < 1 || chunkCount > MAX_CHUNKS || chunkSize < 1 || chunkSize > videoSize) {
      throw new InvalidValueException("chunkPlan", chunkCount + " x " + chunkSize, "is not a valid TikTok chunk plan");
    }
  }

  /**
   * The plan for a file of {@code videoSize} bytes with the preferred chunk size.
   *
   * @throws InvalidValueException when the preferred size is outside 5 MiB to 64 MB
   */
  public static ChunkPlan of(long videoSize, long preferredChunk) {
    if (preferredChunk < MIN_CHUNK || preferredChunk > MAX_CHUNK) {
      throw new InvalidValueException("chunkBytes", preferredChunk,
          "must be between " + MIN_CHUNK + " and " + MAX_CHUNK + " bytes");
    }
    if (videoSize < 1) {
      throw new InvalidValueException("video.size", videoSize, "must be positive");
    }
    if (videoSize <= preferredChunk) {
      return new ChunkPlan(videoSize, videoSize, 1);
    }
    long chunk = Math.max(preferredChunk, ceilDiv(videoSize, MAX_CHUNKS));
    long count = videoSize / chunk;
    if (count == 1 && videoSize > MAX_CHUNK) {
      // floor(size / floor(size / 2)) is 2 for any size >= 2: two chunks, the second one the larger.
      chunk = videoSize / 2;
      count = 2;
    }
    if (chunk > MAX_CHUNK) {
      throw new InvalidValueException("video.size", videoSize, "is too large for " + MAX_CHUNKS + " chunks");
    }
    return new ChunkPlan(videoSize, chunk, (int) count);
  }

  /** The first byte of chunk {@code index} (0-based). */
  public long first(int index) {
    check(index);
    return index * chunkSize;
  }

  /** The last byte (inclusive) of chunk {@code index}; the last chunk ends at the file's last byte. */
  public long last(int index) {
    check(index);
    return index == chunkCount - 1 ? videoSize - 1 : (index + 1) * chunkSize - 1;
  }

  /** The bytes in chunk {@code index}. */
  public long length(int index) {
    return last(index) - first(index) + 1;
  }

  /** The {@code Content-Range} header of chunk {@code index}: {@code bytes first-last/total}. */
  public String contentRange(int index) {
    return "bytes " + first(index) + "-" + last(index) + "/" + videoSize;
  }

  private void check(int index) {
    if (index < 0 || index >= chunkCount) {
      throw new InvalidValueException("chunk", index, "must be between 0 and " + (chunkCount - 1));
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
