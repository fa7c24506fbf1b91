package ai.fromscratch.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The app's tables as a backup sees them: which are the user's data (not the servers' own), their
 * keys and column types, and how to name them in SQL on Derby and PostgreSQL alike.
 */
final class TableCatalogue {
  /** Where the tables go in the archive. */
  static final String FOLDER = "db/";

  /**
   * Id counters (JPA table generators): a restore never moves one back, since the running app may
   * hold a block of ids it took from the current value.
   */
  static final String COUNTERS = "ID_BLOCKS";

  static final String COUNTER_NAME = "SEQUENCE_NAME";
  static final String COUNTER_VALUE = "NEXT_VALUE";

  /**
   * Batch job state, the start log and the HTTP sessions ({@code SERVER_}), the instances' leases
   * and claims ({@code WORK_}) and the published releases ({@code RELEASE_}, whose files the
   * archive holds already) belong to the servers, not to the user's data.
   */
  static boolean backedUp(String table) {
    String name = table.toUpperCase(Locale.ROOT);
    return Stream.of("BATCH_", "SERVER_", "WORK_", "RELEASE_").noneMatch(name::startsWith);
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

  /** The table's one-column primary key, which the export pages through. */
  static String primaryKey(Connection connection, String table) throws SQLException {
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

  static Map<String, Integer> columnTypes(Connection connection, String table) throws SQLException {
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
  static String actualCase(String table, String column) {
    return table.equals(table.toLowerCase(Locale.ROOT)) ? column.toLowerCase(Locale.ROOT) : column;
  }

  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private TableCatalogue() {}
}
