package ai.fromscratch.insights;

import java.util.regex.Pattern;

/**
 * Writes CSV rows as RFC 4180 reads them: quoted where needed, quotes doubled, CRLF endings. A text
 * cell that a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a
 * carriage return) gets a leading apostrophe, as OWASP advises: a visitor's question must not
 * become a formula on the admin's machine. Plain numbers, negative ones included, stay numbers.
 */
final class Csv {
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private Csv() {}

  static String row(String... fields) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        row.append(',');
      }
      String field = neutralised(fields[i] == null ? "" : fields[i]);
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

  static String neutralised(String field) {
    if (field.isEmpty() || NUMBER.matcher(field).matches()) {
      return field;
    }
    char first = field.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formula ? "'" + field : field;
  }
}
