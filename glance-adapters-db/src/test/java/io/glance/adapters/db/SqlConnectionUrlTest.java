package io.glance.adapters.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlConnectionUrlTest {

    @Test
    void jdbcUrlPassesThrough() {
        SqlConnectionUrl url = SqlConnectionUrl.parse("jdbc:mariadb://db:3307/glance?user=u&password=p");

        assertThat(url).isEqualTo(new SqlConnectionUrl("jdbc:mariadb://db:3307/glance?user=u&password=p", null, null));
    }

    @Test
    void pymysqlUrlBecomesMariaDbJdbc() {
        SqlConnectionUrl url = SqlConnectionUrl.parse("mysql+pymysql://glance:secret@db.example:3306/glance");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example:3306/glance");
        assertThat(url.user()).isEqualTo("glance");
        assertThat(url.password()).isEqualTo("secret");
    }

    @Test
    void everyMySqlOrMariaDbDriverNameIsAccepted() {
        for (String scheme : new String[] {"mysql", "mysql+pymysql", "mysql+mysqldb", "mysql+mysqlconnector",
                "mariadb", "mariadb+pymysql", "mariadb+mariadbconnector", "MySQL+PyMySQL"}) {
            assertThat(SqlConnectionUrl.parse(scheme + "://u:p@h/glance").jdbcUrl())
                    .as(scheme).isEqualTo("jdbc:mariadb://h:3306/glance");
        }
    }

    @Test
    void percentEncodedCredentialsAreDecodedButPlusStaysPlus() {
        SqlConnectionUrl url = SqlConnectionUrl.parse("mysql+pymysql://gl%40nce:p%40ss%3Aw+rd/x@db/glance");

        assertThat(url.user()).isEqualTo("gl@nce");
        assertThat(url.password()).isEqualTo("p@ss:w+rd/x");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/glance");
    }

    @Test
    void userWithoutPasswordAndNoUserAtAll() {
        assertThat(SqlConnectionUrl.parse("mysql://glance@db/glance"))
                .isEqualTo(new SqlConnectionUrl("jdbc:mariadb://db:3306/glance", "glance", null));
        assertThat(SqlConnectionUrl.parse("mariadb://db:3310/glance"))
                .isEqualTo(new SqlConnectionUrl("jdbc:mariadb://db:3310/glance", null, null));
    }

    @Test
    void ipv6HostKeepsItsBrackets() {
        assertThat(SqlConnectionUrl.parse("mysql+pymysql://u:p@[::1]:3306/glance").jdbcUrl())
                .isEqualTo("jdbc:mariadb://[::1]:3306/glance");
    }

    @Test
    void pymysqlOptionsAreDroppedExceptTheUnixSocket() {
        assertThat(SqlConnectionUrl.parse("mysql+pymysql://u:p@db/glance?charset=utf8&plugin=dbcounter").jdbcUrl())
                .isEqualTo("jdbc:mariadb://db:3306/glance");
        assertThat(SqlConnectionUrl.parse("mysql+pymysql://u:p@/glance?unix_socket=/run/mysqld/mysqld.sock")
                .jdbcUrl()).isEqualTo("jdbc:mariadb://localhost:3306/glance?localSocket=/run/mysqld/mysqld.sock");
    }

    @Test
    void otherDialectsAreRejectedNamingThemWithoutThePassword() {
        assertThatThrownBy(() -> SqlConnectionUrl.parse("postgresql://u:topsecret@db/glance"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SqlConnectionUrl.parse("sqlite:///glance.sqlite"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqlite");
    }

    @Test
    void malformedUrlsAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> SqlConnectionUrl.parse("mysql+pymysql://u:topsecret@db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no database")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SqlConnectionUrl.parse("mysql://db:port/glance"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port'");
        assertThatThrownBy(() -> SqlConnectionUrl.parse("not a url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a url");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(SqlConnectionUrl.parse("mysql://glance:topsecret@db/glance").toString())
                .contains("glance").doesNotContain("topsecret");
    }
}
