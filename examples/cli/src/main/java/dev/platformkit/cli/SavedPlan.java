package dev.platformkit.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.schedule.Schedule;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan saved by {@code platform plan -out FILE} for {@code platform apply FILE}. The file is:
 * <ol>
 *   <li>the line {@code platformkit-plan 1} (the format and its version);</li>
 *   <li>one line of JSON, the header: {@code formatVersion}, {@code platformVersion} (the CLI that wrote
 *       it), {@code createdAt}, {@code target} (the backend it was made for: the embedded backend's state
 *       directory, or the kubeconfig context and server, with the EKS cluster and region) and
 *       {@code changes} (how many);</li>
 *   <li>the plans as a Java serialization stream ({@link Plan} is {@link Serializable}).</li>
 * </ol>
 * A plan is short-lived (plan, review, apply), so a file written by another CLI version is refused
 * rather than read by guesswork; it is read with a filter that admits only platformkit's and the JDK's
 * value classes.
 */
final class SavedPlan {
  static final String MAGIC = "platformkit-plan";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
      "maxdepth=64;maxrefs=1000000;dev.platformkit.**;java.lang.*;java.util.*;java.time.*;java.math.*;!*");

  /**
   * What the file holds: the tenants' plan, if the specs had any, the schedules' plan at {@code at}, and the
   * sites' plan (null when the specs have no site, or their tenants were not applied yet).
   */
  record Contents(Plan tenants, List<Schedule> schedules, Instant at, Plan schedulePlan, Plan sites) implements Serializable {
    private static final long serialVersionUID = 1L;

    int changes() {
      return tenants.changes().size() + (schedulePlan == null ? 0 : schedulePlan.changes().size())
          + (sites == null ? 0 : sites.changes().size());
    }
  }

  /** A plan file read back: its header and contents. */
  record Read(Map<String, Object> header, Contents contents) {
    String target() {
      return String.valueOf(header.get("target"));
    }
  }

  private SavedPlan() {}

  /** Whether {@code file} is a saved plan (it starts with {@link #MAGIC}) rather than a spec. */
  static boolean is(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(MAGIC.length());
      return Arrays.equals(start, MAGIC.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code contents}, made for {@code target}, to {@code file} (atomically: a reader never sees half a plan). */
  static void write(Path file, String target, Instant createdAt, Contents contents) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("formatVersion", FORMAT_VERSION);
    header.put("platformVersion", Main.version());
    header.put("createdAt", createdAt.toString());
    header.put("target", target);
    header.put("changes", contents.changes());
    Path absolute = file.toAbsolutePath();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write((MAGIC + " " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
      bytes.write((JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8));
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(contents);
      }
      Path parent = absolute.getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, absolute.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        bytes.writeTo(out);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PlatformException("cannot write the plan to " + absolute + ": " + e.getMessage(), e, false);
    }
  }

  /** Reads a plan file; a damaged file, another format version or another CLI version is an error naming the file. */
  static Read read(Path file) {
    Path absolute = file.toAbsolutePath();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      String first = line(in);
      if (!(MAGIC + " " + FORMAT_VERSION).equals(first)) {
        throw bad(absolute, "it starts with \"" + first + "\", not \"" + MAGIC + " " + FORMAT_VERSION + "\" (a plan file of another format version)");
      }
      Map<String, Object> header = JSON.readValue(line(in), new TypeReference<Map<String, Object>>() {});
      Object version = header.get("platformVersion");
      if (!Main.version().equals(version)) {
        throw bad(absolute, "it was made by platform " + version + " and this is platform " + Main.version() + "; plan again");
      }
      try (ObjectInputStream objects = new ObjectInputStream(in)) {
        objects.setObjectInputFilter(FILTER);
        Object contents = objects.readObject();
        if (!(contents instanceof Contents c)) {
          throw bad(absolute, "it holds " + (contents == null ? "nothing" : contents.getClass().getName()) + ", not a plan");
        }
        return new Read(header, c);
      }
    } catch (InvalidClassException e) {
      throw bad(absolute, "it holds a class that a plan does not (" + e.getMessage() + ")");
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      if (e instanceof PlatformException p) {
        throw p;
      }
      throw bad(absolute, "it is damaged (" + e + ")");
    }
  }

  private static PlatformException bad(Path file, String why) {
    return new PlatformException("cannot read the saved plan " + file + ": " + why);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("unexpected end of file");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
