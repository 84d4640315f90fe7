package io.glance.adapters.db;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Properties;

/** Builds the MyBatis session factory in code: no XML configuration file to find at run time. */
final class MyBatisSessions {

    private MyBatisSessions() {
    }

    static SqlSessionFactory factory(DataSource dataSource) {
        JdbcTransactionFactory transactions = new JdbcTransactionFactory();
        // The pool hands out connections with auto-commit off already; switching it back and forth on every
        // session would cost two round trips per transaction.
        Properties transactionProperties = new Properties();
        transactionProperties.setProperty("skipSetAutoCommitOnClose", "true");
        transactions.setProperties(transactionProperties);

        Configuration configuration = new Configuration(new Environment("glance", transactions, dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        // Rows are records: columns map to constructor parameters by name (the build compiles with -parameters).
        configuration.setArgNameBasedConstructorAutoMapping(true);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.setObjectFactory(new CachedConstructorObjectFactory());
        // No caching of rows between statements: a transaction re-reads what it has just written.
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        for (Class<?> type : new Class<?>[] {ImageRow.class, TagRow.class, PropertyRow.class, LocationRow.class,
                MemberRow.class, MetadefPageStatement.class, MetadefRows.MdNamespaceRow.class,
                MetadefRows.MdObjectRow.class, MetadefRows.MdPropertyRow.class, MetadefRows.MdTagRow.class,
                MetadefRows.MdResourceTypeRow.class, MetadefRows.MdAssociationRow.class, TaskRow.class,
                StatusCountRow.class}) {
            configuration.getTypeAliasRegistry().registerAlias(type);
        }
        configuration.addMapper(ImageMapper.class);
        configuration.addMapper(ImageChildMapper.class);
        configuration.addMapper(ImageMemberMapper.class);
        configuration.addMapper(MetadefMapper.class);
        configuration.addMapper(TaskMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
