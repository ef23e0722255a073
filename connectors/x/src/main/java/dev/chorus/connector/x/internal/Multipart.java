package dev.chorus.connector.x.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body with text fields and one binary field, as APPEND takes. */
final class Multipart {

  private final String boundary = "chorus-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Multipart field(String name, String value) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  Multipart file(String name, byte[] bytes, int length) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"blob\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n");
    out.write(bytes, 0, length);
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
