package dev.platformkit.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How enum constants are spelled in spec documents ({@code IN_PLACE} is {@code in-place}), and parsing
 * them back with an error that lists every accepted spelling.
 */
public final class Spelling {
  private Spelling() {}

  /** Lower case, {@code -} for {@code _}. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant spelled {@code value} (any case), or an {@link IllegalArgumentException} saying
   * {@code "x" is not <what> (a, b or c)}.
   *
   * @param what the thing with its article, such as {@code "an upgrade strategy"}
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equalsIgnoreCase(value)) {
        return constant;
      }
    }
    List<String> spellings = Arrays.stream(type.getEnumConstants()).map(Spelling::of).toList();
    String choices = spellings.size() == 1 ? spellings.get(0)
        : String.join(", ", spellings.subList(0, spellings.size() - 1)) + " or " + spellings.get(spellings.size() - 1);
    throw new IllegalArgumentException("\"" + value + "\" is not " + what + " (" + choices + ")");
  }
}
