package dev.chorus.connector.pinterest.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A {@code multipart/form-data} body: text fields in order, then one file part. Used for the video
 * upload, where every {@code upload_parameters} entry goes as a field before the {@code file}.
 *
 * @param boundary the part boundary
 * @param bytes the encoded body
 */
record Multipart(String boundary, byte[] bytes) {

  /** Encodes the fields and the file. */
  static Multipart of(String boundary, Map<String, String> fields, String fileField, String fileName,
      String fileType, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
    for (Map.Entry<String, String> field : fields.entrySet()) {
      write(out, "--" + boundary + "\r\n");
      write(out, "Content-Disposition: form-data; name=\"" + quote(field.getKey()) + "\"\r\n\r\n");
      write(out, field.getValue() + "\r\n");
    }
    write(out, "--" + boundary + "\r\n");
    write(out, "Content-Disposition: form-data; name=\"" + quote(fileField) + "\"; filename=\"" + quote(fileName)
        + "\"\r\n");
    write(out, "Content-Type: " + fileType + "\r\n\r\n");
    out.writeBytes(file);
    write(out, "\r\n--" + boundary + "--\r\n");
    return new Multipart(boundary, out.toByteArray());
  }

  /** The body's content type with its boundary. */
  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Multipart[" + bytes.length + " bytes]";
  }
}
