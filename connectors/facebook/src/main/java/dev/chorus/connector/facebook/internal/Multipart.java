package dev.chorus.connector.facebook.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A small multipart/form-data body: text fields and one file part. */
final class Multipart {

  private final String boundary = "chorus-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Multipart field(String name, String value) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  Multipart file(String name, String filename, String mimeType, byte[] bytes) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n");
    out.writeBytes(bytes);
    write("\r\n");
    return this;
  }

  byte[] bytes() {
    write("--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private void write(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
