package dev.chorus.connector.http;

import dev.chorus.model.Checks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A small {@code multipart/form-data} body built in memory: text fields and file parts, for uploads
 * sent with {@link ApiRequest.Builder#body(byte[], String)} and {@link #contentType()}. Not
 * thread-safe; build one per request.
 */
public final class MultipartForm {

  private final String boundary = "chorus-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An empty form. */
  public MultipartForm() {}

  /**
   * Adds a text field.
   *
   * @param name the field name
   * @param value the value, sent as UTF-8
   * @return this form
   */
  public MultipartForm field(String name, String value) {
    Checks.notBlank("name", name);
    Checks.required("value", value);
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  /**
   * Adds a file part with all of {@code bytes}.
   *
   * @param name the field name
   * @param filename the file name to declare
   * @param mimeType the part's content type
   * @param bytes the content
   * @return this form
   */
  public MultipartForm file(String name, String filename, String mimeType, byte[] bytes) {
    return file(name, filename, mimeType, bytes, 0, Checks.required("bytes", bytes).length);
  }

  /**
   * Adds a file part with {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param name the field name
   * @param filename the file name to declare
   * @param mimeType the part's content type
   * @param bytes the buffer
   * @param offset the first byte to send
   * @param length how many bytes to send
   * @return this form
   */
  public MultipartForm file(String name, String filename, String mimeType, byte[] bytes, int offset, int length) {
    Checks.notBlank("name", name);
    Checks.notBlank("filename", filename);
    Checks.notBlank("mimeType", mimeType);
    Checks.required("bytes", bytes);
    Objects.checkFromIndexSize(offset, length, bytes.length);
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n");
    out.write(bytes, offset, length);
    write("\r\n");
    return this;
  }

  /**
   * Closes the form and returns its bytes; add nothing afterwards.
   *
   * @return the encoded body
   */
  public byte[] bytes() {
    write("--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  /**
   * The content type naming this form's boundary.
   *
   * @return {@code multipart/form-data; boundary=…}
   */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private void write(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "MultipartForm[" + out.size() + " bytes]";
  }
}
