package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Faces settings in web.xml that the pages' behaviour on a persisted session depends on.
 * Mojarra takes {@code <distributable/>} as a cue to put its map of view-scoped beans back into the
 * session while it holds the map's lock, and Liberty holds the session's lock while it writes the
 * session, that map included: a page and the end of the request before it deadlocked (a thread dump
 * of the browser tests' hang). See docs/operations.md, "Nothing sticky".
 */
class FacesSettingsTest {
  private static final Path WEB_XML = Path.of("src/main/webapp/WEB-INF/web.xml");

  @Test
  void mojarraDoesNotPutItsViewMapsBackIntoTheSessionUnderTheirLock() throws Exception {
    assertEquals(
        "false",
        contextParams(read()).get("com.sun.faces.enableDistributable"),
        "set explicitly: Mojarra turns it on for a distributable app when it is not set");
  }

  private static Document read() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(WEB_XML.toFile());
  }

  private static Map<String, String> contextParams(Document webXml) {
    Map<String, String> params = new HashMap<>();
    NodeList nodes = webXml.getElementsByTagName("context-param");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element param = (Element) nodes.item(i);
      params.put(text(param, "param-name"), text(param, "param-value"));
    }
    return params;
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
