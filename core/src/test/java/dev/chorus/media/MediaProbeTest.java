package dev.chorus.media;

import static dev.chorus.media.Mp4Fixtures.box;
import static dev.chorus.media.Mp4Fixtures.concat;
import static dev.chorus.media.Mp4Fixtures.ftyp;
import static dev.chorus.media.Mp4Fixtures.largeBox;
import static dev.chorus.media.Mp4Fixtures.mvhdV0;
import static dev.chorus.media.Mp4Fixtures.mvhdV1;
import static dev.chorus.media.Mp4Fixtures.tkhd;
import static dev.chorus.media.Mp4Fixtures.trak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

  @TempDir Path dir;

  private static byte[] image(String format, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0xFF8800);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static byte[] animatedGif(int width, int height, int frames) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames; i++) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        frame.setRGB(i, 0, 0x00FF00);
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static MediaInfo probe(byte[] bytes) {
    return MediaProbe.probe(MediaSource.ofBytes(bytes));
  }

  @Test
  void probes_png_dimensions_and_size() throws IOException {
    byte[] png = image("png", 320, 200);
    MediaInfo info = probe(png);
    assertThat(info)
        .isEqualTo(new MediaInfo("image/png", MediaKind.IMAGE, (long) png.length, 320, 200, null, false));
  }

  @Test
  void probes_jpeg_by_scanning_to_the_frame_header() throws IOException {
    byte[] jpeg = image("jpeg", 641, 479);
    assertThat(probe(jpeg))
        .extracting(MediaInfo::mimeType, MediaInfo::width, MediaInfo::height)
        .containsExactly("image/jpeg", 641, 479);
  }

  @Test
  void skips_large_app_segments_and_fill_bytes_before_the_jpeg_frame() throws IOException {
    byte[] jpeg = image("jpeg", 33, 17);
    byte[] app1 = new byte[4 + 60_000];
    app1[0] = (byte) 0xFF;
    app1[1] = (byte) 0xE1;
    app1[2] = (byte) ((60_002 >>> 8) & 0xFF);
    app1[3] = (byte) (60_002 & 0xFF);
    Arrays.fill(app1, 4, app1.length, (byte) 0xFF); // payload that looks like markers
    byte[] fill = {(byte) 0xFF, (byte) 0xFF};
    byte[] edited = concat(Arrays.copyOfRange(jpeg, 0, 2), app1, fill, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    assertThat(probe(edited)).extracting(MediaInfo::width, MediaInfo::height).containsExactly(33, 17);
  }

  @Test
  void probes_still_gif_as_image() throws IOException {
    MediaInfo info = probe(image("gif", 40, 30));
    assertThat(info.mimeType()).isEqualTo("image/gif");
    assertThat(info.kind()).isEqualTo(MediaKind.IMAGE);
    assertThat(info.animated()).isFalse();
    assertThat(info.width()).isEqualTo(40);
    assertThat(info.height()).isEqualTo(30);
  }

  @Test
  void probes_gif_with_several_frames_as_animated() throws IOException {
    MediaInfo info = probe(animatedGif(24, 12, 3));
    assertThat(info.kind()).isEqualTo(MediaKind.GIF);
    assertThat(info.animated()).isTrue();
    assertThat(info.width()).isEqualTo(24);
    assertThat(info.height()).isEqualTo(12);
  }

  private static byte[] riff(String chunk, byte[] payload) {
    return new Mp4Fixtures.Bytes()
        .type("RIFF").raw(le32(4 + 8 + payload.length)).type("WEBP")
        .type(chunk).raw(le32(payload.length)).raw(payload).toArray();
  }

  private static byte[] le32(long value) {
    return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
  }

  @Test
  void probes_webp_lossy_lossless_and_extended() {
    byte[] vp8 = {0, 0, 0, (byte) 0x9D, 0x01, 0x2A, (byte) 0x80, 0x02, (byte) 0xE0, 0x01, 0, 0};
    assertThat(probe(riff("VP8 ", vp8)))
        .extracting(MediaInfo::mimeType, MediaInfo::width, MediaInfo::height, MediaInfo::animated)
        .containsExactly("image/webp", 640, 480, false);

    long bits = (1000 - 1) | ((long) (750 - 1) << 14);
    byte[] vp8l = concat(new byte[] {0x2F}, le32(bits), new byte[3]);
    assertThat(probe(riff("VP8L", vp8l)))
        .extracting(MediaInfo::width, MediaInfo::height)
        .containsExactly(1000, 750);

    int w = 4000 - 1;
    int h = 3000 - 1;
    byte[] vp8x = {0x02, 0, 0, 0, (byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) h, (byte) (h >>> 8), (byte) (h >>> 16)};
    assertThat(probe(riff("VP8X", vp8x)))
        .extracting(MediaInfo::width, MediaInfo::height, MediaInfo::animated)
        .containsExactly(4000, 3000, true);
  }

  private static byte[] movie(byte[] mvhd, byte[]... traks) {
    byte[][] children = new byte[traks.length + 1][];
    children[0] = mvhd;
    System.arraycopy(traks, 0, children, 1, traks.length);
    return box("moov", children);
  }

  @Test
  void probes_mp4_duration_and_video_track_size_past_an_audio_track() {
    byte[] mp4 =
        concat(
            ftyp("isom"),
            box("free"),
            movie(
                mvhdV0(1000, 12_345),
                trak(tkhd(0, 0, 0), "soun"),
                trak(tkhd(0, 1920, 1080), "vide")),
            box("mdat", new byte[100]));
    MediaInfo info = probe(mp4);
    assertThat(info)
        .isEqualTo(
            new MediaInfo("video/mp4", MediaKind.VIDEO, (long) mp4.length, 1920, 1080, Duration.ofMillis(12_345), false));
  }

  @Test
  void probes_version_1_boxes_behind_a_64_bit_mdat_in_a_mov() {
    long units = 90_000L * 3600 * 30 + 45_000; // 30 hours and half a second at 90 kHz
    byte[] mov =
        concat(
            ftyp("qt  "),
            largeBox("mdat", new byte[1000]),
            movie(mvhdV1(90_000, units), trak(tkhd(1, 1280.5, 720), "vide")));
    MediaInfo info = probe(mov);
    assertThat(info.mimeType()).isEqualTo("video/quicktime");
    assertThat(info.duration()).isEqualTo(Duration.ofHours(30).plusMillis(500));
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
  }

  @Test
  void size_zero_box_runs_to_the_end_of_the_file() {
    byte[] mp4 = concat(ftyp("mp42"), movie(mvhdV0(600, 1200), trak(tkhd(0, 640, 360), "vide")), new Mp4Fixtures.Bytes().u32(0).type("mdat").zeros(50).toArray());
    assertThat(probe(mp4).duration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void unknown_mvhd_duration_is_left_null() {
    byte[] mp4 = concat(ftyp("isom"), movie(mvhdV0(1000, 0xFFFFFFFFL), trak(tkhd(0, 10, 10), "vide")));
    assertThat(probe(mp4).duration()).isNull();
  }

  @Test
  void skips_a_gigabyte_of_media_data_without_reading_it() {
    byte[] prefix = concat(ftyp("isom"), largeBox("mdat", new byte[0]));
    // Patch the largesize so the mdat spans the virtual gap.
    long gap = 1L << 30;
    byte[] sized = prefix.clone();
    long mdatSize = 16 + gap;
    int at = prefix.length - 8;
    for (int i = 0; i < 8; i++) {
      sized[at + i] = (byte) (mdatSize >>> (56 - 8 * i));
    }
    byte[] moov = movie(mvhdV0(1000, 5000), trak(tkhd(0, 1080, 1920), "vide"));
    Mp4Fixtures.GapStream[] last = new Mp4Fixtures.GapStream[1];
    long length = sized.length + gap + moov.length;
    MediaSource source =
        MediaSource.ofStream(
            () -> last[0] = new Mp4Fixtures.GapStream(sized, gap, moov), length, "big.mp4");
    MediaInfo info = MediaProbe.probe(source);
    assertThat(info.width()).isEqualTo(1080);
    assertThat(info.height()).isEqualTo(1920);
    assertThat(info.byteSize()).isEqualTo(length);
    assertThat(last[0].bytesRead).isLessThan(64 * 1024);
  }

  @Test
  void probes_a_file_and_builds_a_media_asset_with_its_uri() throws IOException {
    Path file = dir.resolve("clip.mp4");
    Files.write(file, concat(ftyp("isom"), movie(mvhdV0(1000, 7000), trak(tkhd(0, 720, 1280), "vide"))));
    MediaAsset asset = MediaProbe.assetBuilder(MediaSource.ofFile(file)).altText("A clip").build();
    assertThat(asset.source()).isEqualTo(file.toUri());
    assertThat(asset.kind()).isEqualTo(MediaKind.VIDEO);
    assertThat(asset.byteSize()).isEqualTo(Files.size(file));
    assertThat(asset.width()).isEqualTo(720);
    assertThat(asset.duration()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void in_memory_source_needs_an_explicit_uri_for_an_asset() throws IOException {
    MediaSource bytes = MediaSource.ofBytes(image("png", 5, 6));
    assertThatThrownBy(() -> MediaProbe.assetBuilder(bytes))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining("no URI");
    URI uri = URI.create("https://cdn.example.com/p.png");
    assertThat(MediaProbe.assetBuilder(bytes, uri).build().source()).isEqualTo(uri);
  }

  @Test
  void url_source_is_not_fetched_and_reports_what_was_declared() {
    MediaSource url =
        new MediaSource.UrlSource(URI.create("https://host.invalid/v.mp4?sig=SECRET"), "video/mp4", 42L);
    MediaInfo info = MediaProbe.probe(url);
    assertThat(info).isEqualTo(new MediaInfo("video/mp4", MediaKind.VIDEO, 42L, null, null, null, false));
  }

  @Test
  void url_source_without_declared_type_is_a_probe_error_that_hides_the_query() {
    MediaSource url = MediaSource.ofUrl(URI.create("https://host.invalid/v.mp4?sig=SECRET"));
    assertThatThrownBy(() -> MediaProbe.probe(url))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining("host.invalid/v.mp4")
        .hasMessageNotContaining("SECRET");
  }

  // ---- corrupt and truncated input -------------------------------------------------------

  private static void assertProbeFails(byte[] bytes, String problem) {
    assertThatThrownBy(() -> probe(bytes))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining(bytes.length + " bytes in memory")
        .hasMessageContaining(problem);
  }

  @Test
  void rejects_truncated_images() throws IOException {
    assertProbeFails(Arrays.copyOf(image("png", 10, 10), 20), "truncated PNG");
    byte[] jpeg = image("jpeg", 10, 10);
    assertProbeFails(Arrays.copyOf(jpeg, 30), "truncated JPEG");
    assertProbeFails(Arrays.copyOf(image("gif", 10, 10), 15), "truncated GIF");
    assertProbeFails(Arrays.copyOf(riff("VP8X", new byte[10]), 22), "truncated WebP");
  }

  @Test
  void rejects_corrupt_headers() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'D', 'A', 'T', 0, 0, 0, 1, 0, 0, 0, 1};
    assertProbeFails(png, "IHDR");
    byte[] zeroWidth = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 0, 0, 0, 0, 1};
    assertProbeFails(zeroWidth, "PNG width is 0");
    byte[] jpegWithoutFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2};
    assertProbeFails(jpegWithoutFrame, "no frame header");
    byte[] jpegGarbage = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, 0x12, 0x34};
    assertProbeFails(jpegGarbage, "JPEG marker expected");
    assertProbeFails("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000\u0077".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "unexpected GIF block 0x77");
    assertProbeFails(riff("VP8 ", new byte[10]), "start code");
  }

  @Test
  void rejects_unknown_and_empty_content() {
    assertProbeFails("just some text, not media".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "unrecognised format");
    assertProbeFails(new byte[0], "empty content");
  }

  @Test
  void rejects_corrupt_box_trees() {
    byte[] tooSmall = concat(ftyp("isom"), new Mp4Fixtures.Bytes().u32(4).type("moov").toArray());
    assertProbeFails(tooSmall, "invalid size 4");
    byte[] pastEnd = concat(ftyp("isom"), new Mp4Fixtures.Bytes().u32(5000).type("moov").zeros(8).toArray());
    assertProbeFails(pastEnd, "past the end");
    byte[] childPastParent =
        concat(ftyp("isom"), box("moov", new Mp4Fixtures.Bytes().u32(500).type("trak").zeros(8).toArray()));
    assertProbeFails(childPastParent, "'trak'");
    assertProbeFails(concat(ftyp("isom"), box("mdat", new byte[40])), "no 'moov'");
    byte[] zeroTimescale = concat(ftyp("isom"), movie(mvhdV0(0, 100)));
    assertProbeFails(zeroTimescale, "timescale 0");
    byte[] badVersion = concat(ftyp("isom"), movie(box("mvhd", new byte[] {9, 0, 0, 0})));
    assertProbeFails(badVersion, "unknown version 9");
    byte[] shortMvhd = concat(ftyp("isom"), movie(box("mvhd", new byte[8])));
    assertProbeFails(shortMvhd, "too short");
  }

  @Test
  void rejects_truncated_mp4() {
    byte[] mp4 = concat(ftyp("isom"), movie(mvhdV0(1000, 2000), trak(tkhd(0, 100, 100), "vide")));
    for (int cut : new int[] {8, 20, 40, 60, mp4.length - 1}) {
      byte[] truncated = Arrays.copyOf(mp4, cut);
      assertThatThrownBy(() -> probe(truncated)).as("cut at " + cut).isInstanceOf(MediaProbeException.class);
    }
  }

  @Test
  void declared_length_longer_than_the_stream_is_reported_as_truncation() {
    byte[] mp4 = concat(ftyp("isom"), box("mdat", new byte[10]));
    MediaSource source = MediaSource.ofStream(() -> new java.io.ByteArrayInputStream(mp4), mp4.length + 1000L, "short.mp4");
    assertThatThrownBy(() -> MediaProbe.probe(source))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining("stream short.mp4")
        .hasMessageContaining("truncated MP4/MOV");
  }

  @Test
  void endless_fill_bytes_end_in_an_error_not_a_hang() {
    MediaSource endless =
        MediaSource.ofStream(
            () ->
                new InputStream() {
                  private int index;

                  @Override
                  public int read() {
                    int i = index++;
                    return i == 1 ? 0xD8 : 0xFF;
                  }
                },
            Long.MAX_VALUE,
            "endless.jpg");
    assertThatThrownBy(() -> MediaProbe.probe(endless))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining("more than " + ProbeReader.MAX_STEPS);
  }

  @Test
  void read_failures_become_probe_errors_naming_the_source() {
    MediaSource failing =
        MediaSource.ofStream(
            () -> {
              throw new IOException("disk on fire");
            },
            10,
            "upload.png");
    assertThatThrownBy(() -> MediaProbe.probe(failing))
        .isInstanceOf(MediaProbeException.class)
        .hasMessageContaining("stream upload.png")
        .hasMessageContaining("disk on fire")
        .satisfies(e -> assertThat(((MediaProbeException) e).problem()).contains("cannot read"));
  }
}
