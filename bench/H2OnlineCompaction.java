import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Does an open H2 file give the space of deleted rows back while it stays open? Prints the file size at each step:
 * rows of 60 KB inserted, deleted, 15 s later with the connection open, after CHECKPOINT SYNC, after as many rows
 * again and another delete, after closing, and after SHUTDOWN COMPACT (which needs the database to itself).
 * Arguments: the number of rows (default 200) and extra URL settings (e.g. ";RETENTION_TIME=0").
 */
public class H2OnlineCompaction {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String extra = args.length > 1 ? args[1] : "";
        Path dir = Files.createTempDirectory("h2-online-compaction");
        String url = "jdbc:h2:file:" + dir.resolve("glance") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"
                + extra;
        Path file = dir.resolve("glance.mv.db");
        String value = "x".repeat(60_000);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE p (id INT PRIMARY KEY, v TEXT)");
            insert(c, rows, value);
            print(rows + " rows of 60 KB inserted", file);
            c.createStatement().execute("DELETE FROM p");
            print("all deleted", file);
            Thread.sleep(15_000);
            print("15 s later, still open", file);
            c.createStatement().execute("CHECKPOINT SYNC");
            print("after CHECKPOINT SYNC", file);
            insert(c, rows, value);
            print(rows + " rows inserted again", file);
            c.createStatement().execute("DELETE FROM p");
            Thread.sleep(5_000);
            print("deleted again, 5 s later", file);
        }
        print("closed", file);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("SHUTDOWN COMPACT");
        }
        print("after SHUTDOWN COMPACT", file);
    }

    private static void insert(Connection c, int rows, String value) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, value + i);
                insert.executeUpdate();
            }
        }
    }

    private static void print(String step, Path file) throws Exception {
        System.out.printf("%-28s %,15d bytes%n", step, Files.size(file));
    }
}
