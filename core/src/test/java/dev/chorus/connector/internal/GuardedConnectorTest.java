package dev.chorus.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.Connector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard every registry-created connector is wrapped in must forward every operation of the
 * SPI: a default method it does not override would answer "unsupported" for a connector that
 * implements it (this happened when search and profile lookup were added).
 */
class GuardedConnectorTest {

  @Test
  void every_connector_method_is_overridden_by_the_guard() throws NoSuchMethodException {
    List<String> missing = new ArrayList<>();
    for (Method method : Connector.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Method implementation = GuardedConnector.class.getMethod(method.getName(), method.getParameterTypes());
      if (implementation.getDeclaringClass() != GuardedConnector.class) {
        missing.add(method.getName());
      }
    }
    assertThat(missing).as("Connector methods GuardedConnector inherits instead of forwarding").isEmpty();
  }
}
