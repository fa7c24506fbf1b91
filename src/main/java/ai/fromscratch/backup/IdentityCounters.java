package ai.fromscratch.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sets a table's generated-id counter past the largest id it holds, after rows were inserted with
 * their ids, so that the next row the app writes does not collide with a restored one.
 */
final class IdentityCounters {
  private IdentityCounters() {}

  static void continueAfterMax(Connection connection, String table) throws SQLException {
    for (String column : generatedColumns(connection, table)) {
      long next = max(connection, table, column) + 1;
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("derby")) {
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate(
              "ALTER TABLE "
                  + TableCatalogue.quoted(table)
                  + " ALTER COLUMN "
                  + TableCatalogue.quoted(column)
                  + " RESTART WITH "
                  + next);
        }
      } else if (product.contains("postgres")) {
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
          statement.setString(1, TableCatalogue.quoted(table));
          statement.setString(2, column);
          statement.setLong(3, next);
          statement.executeQuery().close();
        }
      } else {
        throw new SQLException("Cannot reset the id counters of a " + product + " database");
      }
    }
  }

  private static List<String> generatedColumns(Connection connection, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet found =
        connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
      while (found.next()) {
        if ("YES".equals(found.getString("IS_AUTOINCREMENT"))) {
          columns.add(found.getString("COLUMN_NAME"));
        }
      }
    }
    return columns;
  }

  private static long max(Connection connection, String table, String column) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet max =
            statement.executeQuery(
                "SELECT MAX("
                    + TableCatalogue.quoted(column)
                    + ") FROM "
                    + TableCatalogue.quoted(table))) {
      max.next();
      return max.getLong(1);
    }
  }
}
