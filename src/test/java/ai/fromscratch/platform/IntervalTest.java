package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

  @Test
  void readsMinutesHoursAndDays() {
    assertEquals(Duration.ofMinutes(30), Interval.parse("30m"));
    assertEquals(Duration.ofHours(6), Interval.parse("6H"));
    assertEquals(Duration.ofDays(1), Interval.parse(" 1d "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "m", "0m", "-5h", "6", "6x", "1.5h", "often"})
  void refusesWhatIsNotAnIntervalOfAtLeastAMinute(String text) {
    assertNull(Interval.parse(text));
  }
}
