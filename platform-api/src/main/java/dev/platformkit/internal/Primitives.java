package dev.platformkit.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How {@code Platform} creates the entry point of each primitive ({@code Tenants}, ...) without those
 * having a public constructor that takes an internal type: each registers a factory from its static
 * initializer (the JDK's "shared secrets" pattern).
 */
public final class Primitives {
  private static final Map<Class<?>, Function<Engine, ?>> FACTORIES = new ConcurrentHashMap<>();

  private Primitives() {}

  /** Called once by the entry point class {@code type}, from its static initializer. */
  public static <T> void register(Class<T> type, Function<Engine, T> factory) {
    FACTORIES.put(type, factory);
  }

  /** A new entry point of {@code type} over {@code engine}. */
  public static <T> T create(Class<T> type, Engine engine) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader()); // runs the static initializer that registers
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Function<Engine, ?> factory = FACTORIES.get(type);
    if (factory == null) {
      throw new IllegalStateException(type.getName() + " registers no factory");
    }
    return type.cast(factory.apply(engine));
  }
}
