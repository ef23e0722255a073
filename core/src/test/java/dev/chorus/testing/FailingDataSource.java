package dev.chorus.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A data source that, while {@link #fail} is set, refuses connections with the kind of message a
 * driver may give: a JDBC URL with a password in it ({@code s3cret}, {@code hunter2}), SQL state
 * 08001, and a cause repeating the password. Tests check that no store lets those secrets out.
 */
public final class FailingDataSource {

  /** Set to make every {@code getConnection} fail. */
  public final AtomicBoolean fail = new AtomicBoolean();
  private final DataSource proxy;

  /** Wraps the real data source. */
  public FailingDataSource(DataSource real) {
    this.proxy = (DataSource) Proxy.newProxyInstance(FailingDataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (self, method, args) -> {
          if (fail.get() && method.getName().equals("getConnection")) {
            throw new SQLException("could not connect to jdbc:postgresql://app:s3cret@db/chorus?password=hunter2",
                "08001", new IllegalStateException("handshake for PASSWORD=hunter2 refused"));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The data source to hand to the store under test. */
  public DataSource dataSource() {
    return proxy;
  }
}
