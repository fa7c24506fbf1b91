package ai.fromscratch.insights;

/** Writes CSV rows as RFC 4180 reads them: quoted where needed, quotes doubled, CRLF endings. */
final class Csv {
  private Csv() {}

  static String row(String... fields) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        row.append(',');
      }
      String field = fields[i] == null ? "" : fields[i];
      if (field.contains(",")
          || field.contains("\"")
          || field.contains("\n")
          || field.contains("\r")) {
        row.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        row.append(field);
      }
    }
    return row.append("\r\n").toString();
  }
}
