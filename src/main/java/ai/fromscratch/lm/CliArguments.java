package ai.fromscratch.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} options and {@code --flag}s of one command, checked against what it
 * accepts.
 */
final class CliArguments {
  /** A command line the tool does not accept; the message says why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, List<String>> values = new HashMap<>();
  private final Set<String> flagsGiven;

  private CliArguments(Set<String> flagsGiven) {
    this.flagsGiven = flagsGiven;
  }

  static CliArguments parse(String[] args, int from, Set<String> valueOptions, Set<String> flags)
      throws UsageException {
    CliArguments parsed = new CliArguments(new HashSet<>());
    for (int i = from; i < args.length; i++) {
      String name = args[i];
      if (flags.contains(name)) {
        parsed.flagsGiven.add(name);
      } else if (valueOptions.contains(name)) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return parsed;
  }

  boolean flag(String name) {
    return flagsGiven.contains(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  String required(String name) throws UsageException {
    if (!has(name)) {
      throw new UsageException("missing " + name);
    }
    return single(name);
  }

  String optional(String name, String fallback) throws UsageException {
    return has(name) ? single(name) : fallback;
  }

  int intValue(String name, int fallback) throws UsageException {
    long value = longValue(name, fallback);
    if (value != (int) value) {
      throw new UsageException(name + " is too large: " + value);
    }
    return (int) value;
  }

  long longValue(String name, long fallback) throws UsageException {
    try {
      return has(name) ? Long.parseLong(single(name)) : fallback;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, got " + single(name));
    }
  }

  double doubleValue(String name, double fallback) throws UsageException {
    try {
      return has(name) ? Double.parseDouble(single(name)) : fallback;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, got " + single(name));
    }
  }

  /** Exactly one of the two options. */
  String oneOf(String first, String second) throws UsageException {
    if (has(first) == has(second)) {
      throw new UsageException("give either " + first + " or " + second);
    }
    return has(first) ? first : second;
  }

  private String single(String name) throws UsageException {
    List<String> given = values.get(name);
    if (given.size() > 1) {
      throw new UsageException(name + " given more than once");
    }
    return given.get(0);
  }
}
