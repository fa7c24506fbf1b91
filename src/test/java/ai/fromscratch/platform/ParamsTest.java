package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void idsAreCommaSeparatedPositiveNumbersWithoutRepeats() {
    assertEquals(List.of(3L, 5L), Params.ids("ids", " 3, 5,3"));
    assertEquals(List.of(), Params.ids("ids", null));
    assertEquals(
        "ids must be positive ids separated by commas",
        assertThrows(ApiException.class, () -> Params.ids("ids", "1,x")).getMessage());
    assertThrows(ApiException.class, () -> Params.ids("ids", "0"));
    assertThrows(ApiException.class, () -> Params.ids("ids", "1,,2"));
  }

  @Test
  void wholeNumbersOutsideTheirRangeAreRefusedByName() {
    assertEquals(7, Params.intParam("limit", null, 7, 1, 10));
    assertEquals(
        "limit must be a whole number from 1 to 10",
        assertThrows(ApiException.class, () -> Params.intParam("limit", "11", 7, 1, 10))
            .getMessage());
  }
}
