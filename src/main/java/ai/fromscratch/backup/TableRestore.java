package ai.fromscratch.backup;

import static ai.fromscratch.backup.TableCatalogue.COUNTERS;
import static ai.fromscratch.backup.TableCatalogue.COUNTER_NAME;
import static ai.fromscratch.backup.TableCatalogue.COUNTER_VALUE;
import static ai.fromscratch.backup.TableCatalogue.FOLDER;
import static ai.fromscratch.backup.TableCatalogue.actualCase;
import static ai.fromscratch.backup.TableCatalogue.columnTypes;
import static ai.fromscratch.backup.TableCatalogue.quoted;
import static ai.fromscratch.backup.TableCatalogue.tables;

import ai.fromscratch.platform.BoundedLineReader;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Replaces the app's tables with the JSON lines a backup holds ({@link TableExport}), in one
 * transaction, with identity counters that continue after the restored ids.
 */
final class TableRestore {
  private static final int BATCH = 500;

  /** The longest row line a restore reads: far above what any row the app writes holds. */
  static final int MAX_ROW_BYTES = 32 << 20;

  /**
   * Replaces every backed-up table's rows with those unpacked in {@code staging}, in one
   * transaction: on any error nothing has changed. Identity counters continue after the restored
   * ids.
   */
  static void restore(Connection connection, Path staging, BackupManifest manifest)
      throws SQLException, IOException {
    Map<String, String> tables = tables(connection);
    for (String table : manifest.tables().keySet()) {
      if (!tables.containsKey(table)) {
        throw new BackupRejectedException(
            "it holds the table " + table + ", which this version of the app does not have");
      }
    }
    connection.setAutoCommit(false);
    try {
      for (Map.Entry<String, String> table : tables.entrySet()) {
        if (!table.getKey().equals(COUNTERS)) {
          try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + quoted(table.getValue()));
          }
        }
      }
      for (Map.Entry<String, Long> table : manifest.tables().entrySet()) {
        Path rows = staging.resolve(FOLDER + table.getKey() + ".jsonl");
        long restored =
            table.getKey().equals(COUNTERS)
                ? raiseCounters(connection, tables.get(COUNTERS), rows)
                : insertRows(connection, tables.get(table.getKey()), rows);
        if (restored != table.getValue()) {
          throw new BackupRejectedException(
              table.getKey()
                  + " holds "
                  + restored
                  + " rows, not the "
                  + table.getValue()
                  + " listed");
        }
      }
      for (String table : tables.values()) {
        IdentityCounters.continueAfterMax(connection, table);
      }
      connection.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static long insertRows(Connection connection, String table, Path file)
      throws SQLException, IOException {
    if (!Files.exists(file)) {
      throw new BackupRejectedException("it lacks the rows of " + table);
    }
    Map<String, Integer> types = columnTypes(connection, table);
    long count = 0;
    List<String> columns = null;
    PreparedStatement insert = null;
    try (InputStream in = Files.newInputStream(file)) {
      BoundedLineReader lines = rows(in);
      while (lines.next()) {
        JsonObject row = parse(lines, table);
        if (insert == null) {
          columns = new ArrayList<>(row.keySet());
          insert = connection.prepareStatement(insertSql(table, columns, types));
        }
        for (int i = 0; i < columns.size(); i++) {
          bind(insert, i + 1, types.get(columns.get(i)), row.get(columns.get(i)));
        }
        insert.addBatch();
        if (++count % BATCH == 0) {
          insert.executeBatch();
        }
      }
      if (insert != null) {
        insert.executeBatch();
      }
    } finally {
      if (insert != null) {
        insert.close();
      }
    }
    return count;
  }

  private static long raiseCounters(Connection connection, String table, Path file)
      throws SQLException, IOException {
    long count = 0;
    String name = quoted(actualCase(table, COUNTER_NAME));
    String value = quoted(actualCase(table, COUNTER_VALUE));
    try (InputStream in = Files.newInputStream(file);
        PreparedStatement current =
            connection.prepareStatement(
                "SELECT " + value + " FROM " + quoted(table) + " WHERE " + name + " = ?");
        PreparedStatement raise =
            connection.prepareStatement(
                "UPDATE " + quoted(table) + " SET " + value + " = ? WHERE " + name + " = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO " + quoted(table) + " (" + name + ", " + value + ") VALUES (?, ?)")) {
      BoundedLineReader lines = rows(in);
      while (lines.next()) {
        JsonObject row = parse(lines, table);
        String counter = row.getString(COUNTER_NAME);
        long restored = row.getJsonNumber(COUNTER_VALUE).longValueExact();
        current.setString(1, counter);
        try (ResultSet found = current.executeQuery()) {
          PreparedStatement change = found.next() ? raise : insert;
          long next = change == raise ? Math.max(found.getLong(1), restored) : restored;
          change.setLong(change == raise ? 1 : 2, next);
          change.setString(change == raise ? 2 : 1, counter);
          change.executeUpdate();
        }
        count++;
      }
    }
    return count;
  }

  /** A table file's rows, each at most {@link #MAX_ROW_BYTES}: a larger one is not ours. */
  private static BoundedLineReader rows(InputStream in) {
    return new BoundedLineReader(new BufferedInputStream(in), MAX_ROW_BYTES);
  }

  private static JsonObject parse(BoundedLineReader line, String table) {
    if (line.overLong()) {
      throw new BackupRejectedException(
          "a row of " + table + " is longer than " + (MAX_ROW_BYTES >> 20) + " MB");
    }
    try (JsonReader reader = Json.createReader(new StringReader(line.text()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new BackupRejectedException("a row of " + table + " cannot be read: " + e.getMessage());
    }
  }

  private static String insertSql(String table, List<String> columns, Map<String, Integer> types) {
    for (String column : columns) {
      if (!types.containsKey(column)) {
        throw new BackupRejectedException(
            "it has the column " + table + "." + column + ", which this version does not have");
      }
    }
    return "INSERT INTO "
        + quoted(table)
        + " ("
        + String.join(", ", columns.stream().map(c -> quoted(actualCase(table, c))).toList())
        + ") VALUES ("
        + String.join(", ", columns.stream().map(c -> "?").toList())
        + ")";
  }

  private static void bind(PreparedStatement insert, int index, int type, JsonValue value)
      throws SQLException {
    if (value == null || value == JsonValue.NULL) {
      insert.setNull(index, type);
      return;
    }
    switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          insert.setLong(index, ((JsonNumber) value).longValueExact());
      case Types.DOUBLE, Types.FLOAT, Types.REAL ->
          insert.setDouble(
              index,
              value instanceof JsonNumber number
                  ? number.doubleValue()
                  : Double.parseDouble(((JsonString) value).getString()));
      case Types.DECIMAL, Types.NUMERIC ->
          insert.setBigDecimal(index, ((JsonNumber) value).bigDecimalValue());
      case Types.BOOLEAN, Types.BIT -> insert.setBoolean(index, value == JsonValue.TRUE);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          insert.setBytes(index, Base64.getDecoder().decode(((JsonString) value).getString()));
      case Types.TIMESTAMP ->
          insert.setTimestamp(index, Timestamp.valueOf(((JsonString) value).getString()));
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.CLOB,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.NCLOB ->
          insert.setString(index, ((JsonString) value).getString());
      default -> insert.setObject(index, ((JsonString) value).getString(), type);
    }
  }

  private TableRestore() {}
}
