package ai.fromscratch.backup;

import ai.fromscratch.platform.BoundedLineReader;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
import java.util.stream.Stream;

/**
 * The app's tables as JSON lines, one file a table, and back. A logical export rather than Derby's
 * own backup, so that it restores into a running server and into PostgreSQL alike. Tables are read
 * parents first in one read-committed transaction that locks nothing writers need; a child row
 * whose parent the export did not see (both written after the parent table was read) is left out,
 * so that what is restored always hangs together.
 */
final class DatabaseSnapshot {
  static final String FOLDER = "db/";
  private static final int BATCH = 500;
  private static final int PAGE = 1000;

  /** The longest row line a restore reads: far above what any row the app writes holds. */
  static final int MAX_ROW_BYTES = 32 << 20;

  /**
   * Id counters (JPA table generators): a restore never moves one back, since the running app may
   * hold a block of ids it took from the current value.
   */
  private static final String COUNTERS = "ID_BLOCKS";

  private static final String COUNTER_NAME = "SEQUENCE_NAME";
  private static final String COUNTER_VALUE = "NEXT_VALUE";

  private DatabaseSnapshot() {}

  /**
   * Batch job state, this instance's start log, the instances' leases and claims ({@code WORK_})
   * and the published releases ({@code RELEASE_}, whose files the archive holds already) belong to
   * the servers, not to the user's data.
   */
  static boolean backedUp(String table) {
    String name = table.toUpperCase(Locale.ROOT);
    return Stream.of("BATCH_", "WORK_", "RELEASE_").noneMatch(name::startsWith)
        && !name.equals("SERVER_START");
  }

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

  /** The table's one-column primary key, which the export pages through. */
  private static String primaryKey(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet keys =
        connection.getMetaData().getPrimaryKeys(null, connection.getSchema(), table)) {
      while (keys.next()) {
        columns.add(keys.getString("COLUMN_NAME"));
      }
    }
    if (columns.size() != 1) {
      throw new SQLException(table + " has no one-column primary key to page through");
    }
    return columns.get(0);
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

  /** Rows in the app's tables, id counters aside: zero on a server that holds no data yet. */
  static long userRows(Connection connection) throws SQLException {
    long rows = 0;
    for (Map.Entry<String, String> table : tables(connection).entrySet()) {
      if (!table.getKey().equals(COUNTERS)) {
        try (Statement statement = connection.createStatement();
            ResultSet count =
                statement.executeQuery("SELECT COUNT(*) FROM " + quoted(table.getValue()))) {
          count.next();
          rows += count.getLong(1);
        }
      }
    }
    return rows;
  }

  /** The app's tables by upper-case name, each with its name as the database spells it. */
  static Map<String, String> tables(Connection connection) throws SQLException {
    Map<String, String> tables = new LinkedHashMap<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet found =
        meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (found.next()) {
        String name = found.getString("TABLE_NAME");
        if (backedUp(name)) {
          tables.put(name.toUpperCase(Locale.ROOT), name);
        }
      }
    }
    return tables;
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

  private static Map<String, Integer> columnTypes(Connection connection, String table)
      throws SQLException {
    Map<String, Integer> types = new HashMap<>();
    try (ResultSet columns =
        connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
      while (columns.next()) {
        types.put(
            columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), columns.getInt("DATA_TYPE"));
      }
    }
    return types;
  }

  /** PostgreSQL folds unquoted names to lower case, Derby to upper: follow the table's case. */
  private static String actualCase(String table, String column) {
    return table.equals(table.toLowerCase(Locale.ROOT)) ? column.toLowerCase(Locale.ROOT) : column;
  }

  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
