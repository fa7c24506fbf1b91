package ai.fromscratch.backup;

import static ai.fromscratch.backup.TableCatalogue.FOLDER;
import static ai.fromscratch.backup.TableCatalogue.primaryKey;
import static ai.fromscratch.backup.TableCatalogue.quoted;
import static ai.fromscratch.backup.TableCatalogue.tables;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's tables written as JSON lines, one file a table. A logical export rather than Derby's
 * own backup, so that it restores into a running server and into PostgreSQL alike. Tables are read
 * parents first in one read-committed transaction that locks nothing writers need; a child row
 * whose parent the export did not see (both written after the parent table was read) is left out,
 * so that what is restored always hangs together. {@link TableRestore} reads them back.
 */
final class TableExport {
  private static final int PAGE = 1000;

  /**
   * Writes each table to the archive and returns the rows written per table; parents come before
   * their children ({@code links}), and a child row whose parent was not written is left out.
   */
  static Map<String, Long> export(
      Connection connection, BackupArchiveWriter archive, List<ParentLink> links)
      throws SQLException, IOException {
    // Each page is its own short statement: Derby keeps the rows of a read with large text
    // locked until its transaction ends, and a long one would stall the chats writing meanwhile.
    connection.setAutoCommit(true);
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    Map<String, Set<Long>> seenIds = new HashMap<>();
    links.forEach(link -> seenIds.put(link.parent(), new HashSet<>()));
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, String> tables = tables(connection);
    for (String table : parentsFirst(tables.keySet(), links)) {
      Optional<ParentLink> link = links.stream().filter(l -> l.child().equals(table)).findFirst();
      rows.put(table, exportTable(connection, table, tables.get(table), archive, seenIds, link));
    }
    return rows;
  }

  private static long exportTable(
      Connection connection,
      String table,
      String spelled,
      BackupArchiveWriter archive,
      Map<String, Set<Long>> seenIds,
      Optional<ParentLink> reference)
      throws SQLException, IOException {
    Set<Long> ids = seenIds.get(table);
    String keyColumn = primaryKey(connection, spelled);
    String key = quoted(keyColumn);
    String page =
        "SELECT * FROM "
            + quoted(spelled)
            + " %s ORDER BY "
            + key
            + " FETCH FIRST "
            + PAGE
            + " ROWS ONLY";
    long count = 0;
    try (OutputStream entry = archive.entry(FOLDER + table + ".jsonl");
        Writer out = new BufferedWriter(new OutputStreamWriter(entry, StandardCharsets.UTF_8))) {
      Object last = null;
      for (int read = PAGE; read == PAGE; ) {
        read = 0;
        try (PreparedStatement select =
            connection.prepareStatement(
                String.format(page, last == null ? "" : "WHERE " + key + " > ?"))) {
          if (last != null) {
            select.setObject(1, last);
          }
          try (ResultSet rows = select.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
              read++;
              last = rows.getObject(keyColumn);
              if (reference.isPresent()
                  && !seenIds
                      .get(reference.get().parent())
                      .contains(rows.getLong(reference.get().column()))) {
                continue;
              }
              if (ids != null) {
                ids.add(rows.getLong("ID"));
              }
              out.write(row(rows, meta).toString());
              out.write('\n');
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  private static JsonObject row(ResultSet rows, ResultSetMetaData meta) throws SQLException {
    JsonObjectBuilder row = Json.createObjectBuilder();
    for (int column = 1; column <= meta.getColumnCount(); column++) {
      String name = meta.getColumnName(column).toUpperCase(Locale.ROOT);
      switch (meta.getColumnType(column)) {
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
          long value = rows.getLong(column);
          addOrNull(row, name, rows.wasNull() ? null : Json.createValue(value));
        }
        case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
          double value = rows.getDouble(column);
          addOrNull(
              row,
              name,
              rows.wasNull()
                  ? null
                  : Double.isFinite(value)
                      ? Json.createValue(value)
                      : Json.createValue(Double.toString(value)));
        }
        case Types.DECIMAL, Types.NUMERIC -> {
          BigDecimal value = rows.getBigDecimal(column);
          addOrNull(row, name, value == null ? null : Json.createValue(value));
        }
        case Types.BOOLEAN, Types.BIT -> {
          boolean value = rows.getBoolean(column);
          addOrNull(row, name, rows.wasNull() ? null : value ? JsonValue.TRUE : JsonValue.FALSE);
        }
        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
          byte[] value = rows.getBytes(column);
          addOrNull(
              row,
              name,
              value == null ? null : Json.createValue(Base64.getEncoder().encodeToString(value)));
        }
        default -> {
          // Text, and dates and times in the JDBC escape form, which reads back exactly.
          String value = rows.getString(column);
          addOrNull(row, name, value == null ? null : Json.createValue(value));
        }
      }
    }
    return row.build();
  }

  private static void addOrNull(JsonObjectBuilder row, String name, JsonValue value) {
    row.add(name, value == null ? JsonValue.NULL : value);
  }

  private static List<String> parentsFirst(Set<String> tables, List<ParentLink> links) {
    List<String> ordered = new ArrayList<>(tables);
    ordered.sort(
        Comparator.comparingInt((String table) -> depth(table, links)).thenComparing(t -> t));
    return ordered;
  }

  private static int depth(String table, List<ParentLink> links) {
    return links.stream()
        .filter(link -> link.child().equals(table))
        .findFirst()
        .map(link -> 1 + depth(link.parent(), links))
        .orElse(0);
  }

  private TableExport() {}
}
