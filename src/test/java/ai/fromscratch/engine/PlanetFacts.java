package ai.fromscratch.engine;

import ai.fromscratch.dataset.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up knowledge base for measuring retrieval: planets with a fact sheet each and questions
 * about them. For every planet one question is held out (asked in other words; its answer is only
 * in the fact sheet, said differently); the rest, and the fact sheets, are the training data. A
 * second set asks trained questions in other words. Without retrieval a model knows how answers go
 * but not which planet has which color; with it, the planet's own records are at hand.
 */
final class PlanetFacts {
  private static final String[] COLORS = {
    "blue", "red", "green", "golden", "silver", "violet", "amber", "white", "grey", "orange"
  };
  private static final String[] NUMBERS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };
  private static final String[] PEOPLE = {
    "Ada Lim",
    "Omar Haddad",
    "Lena Vogt",
    "Kenji Sato",
    "Maria Costa",
    "Ivan Petrov",
    "Amara Okafor",
    "Sofia Reyes",
    "Noah Berg",
    "Priya Nair"
  };
  private static final String[] CLIMATES = {
    "stormy", "frozen", "humid", "dry", "windy", "mild", "volcanic", "foggy"
  };
  private static final String[] FAMOUS = {
    "its crystal caves", "its singing dunes", "its floating islands", "its purple oceans",
    "its ancient ruins", "its glass forests", "its endless canyons", "its twin waterfalls"
  };
  private static final String[] SYLLABLES = {
    "zor", "bel", "qua", "tri", "nox", "vel", "mar", "dun", "kai", "ros", "ith", "len", "pho",
    "sar", "gal", "mir", "tev", "ulo", "bra", "kes"
  };

  /** One question with its answer; {@code asked} is the held-out wording. */
  record Pair(String question, String asked, String answer) {}

  /** A planet's records. */
  record Planet(String name, String factSheet, List<Pair> pairs) {}

  final List<Planet> planets = new ArrayList<>();
  final List<List<Turn>> training = new ArrayList<>();
  final List<Pair> heldOut = new ArrayList<>();

  /** A trained question per planet, asked in other words: its answer is in the data. */
  final List<Pair> paraphrased = new ArrayList<>();

  /** {@code count} planets, at most 400 (the names are two of twenty syllables). */
  PlanetFacts(int count, long seed) {
    if (count > SYLLABLES.length * SYLLABLES.length) {
      throw new IllegalArgumentException(
          "at most " + SYLLABLES.length * SYLLABLES.length + " planets");
    }
    Random random = new Random(seed);
    java.util.Set<String> names = new java.util.HashSet<>();
    while (planets.size() < count) {
      String name = capitalize(pick(random, SYLLABLES) + pick(random, SYLLABLES));
      if (names.add(name)) {
        planets.add(planet(name, random));
      }
    }
    for (Planet planet : planets) {
      training.add(List.of(new Turn(Turn.TEXT, planet.factSheet())));
      int held = random.nextInt(planet.pairs().size());
      paraphrased.add(
          planet
              .pairs()
              .get((held + 1 + random.nextInt(planet.pairs().size() - 1)) % planet.pairs().size()));
      for (int i = 0; i < planet.pairs().size(); i++) {
        Pair pair = planet.pairs().get(i);
        if (i == held) {
          heldOut.add(pair);
        } else {
          training.add(
              List.of(
                  new Turn(Turn.USER, pair.question()), new Turn(Turn.ASSISTANT, pair.answer())));
        }
      }
    }
  }

  private static Planet planet(String name, Random random) {
    String color = pick(random, COLORS);
    String moons = pick(random, NUMBERS);
    String person = pick(random, PEOPLE);
    int year = 1900 + random.nextInt(120);
    String climate = pick(random, CLIMATES);
    String famous = pick(random, FAMOUS);
    String p = "planet " + name;
    String sheet =
        "Planet "
            + name
            + " is a "
            + color
            + " world with "
            + moons
            + " moons. It was discovered by "
            + person
            + " in "
            + year
            + ". Its climate is "
            + climate
            + " and it is famous for "
            + famous
            + ".";
    return new Planet(
        name,
        sheet,
        List.of(
            new Pair(
                "What color is " + p + "?",
                "Which color does " + p + " have?",
                "Planet " + name + " is " + color + "."),
            new Pair(
                "How many moons does " + p + " have?",
                "What is the number of moons of " + p + "?",
                "Planet " + name + " has " + moons + " moons."),
            new Pair(
                "Who discovered " + p + "?",
                "Which person found " + p + " first?",
                "Planet " + name + " was discovered by " + person + " in " + year + "."),
            new Pair(
                "What is the climate of " + p + " like?",
                "How is the weather on " + p + "?",
                "The climate of planet " + name + " is " + climate + "."),
            new Pair(
                "What is " + p + " famous for?",
                "Why is " + p + " well known?",
                "Planet " + name + " is famous for " + famous + ".")));
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
