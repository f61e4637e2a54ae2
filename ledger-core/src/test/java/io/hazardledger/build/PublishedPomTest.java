package io.hazardledger.build;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The POM that Maven installs and publishes for ledger-core (flatten-maven-plugin, written at process-resources, before
 * the tests) stands alone for an application that embeds the library: no parent (the build's inherits Spring Boot's,
 * whose URL, developers and source repository are Spring's, not this project's), this project's license, and every
 * dependency, transitive ones too, with the version this build resolved and tested, none of them Spring. (The plugin
 * leaves the file alone when what it would write is unchanged; a clean build, as CI's, writes it anew.)
 */
class PublishedPomTest {

    @Test
    void thePublishedPom_hasNoParent_ownsItsMetadata_andPinsEveryDependencyWithoutSpring() throws Exception {
        Path pom = Path.of(System.getProperty("ledger.build.directory", "target"), ".flattened-pom.xml");
        assertThat(pom).as("written by flatten-maven-plugin at process-resources").exists();
        String text = Files.readString(pom);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = doc.getDocumentElement();
        assertThat(children(project, "parent")).as("no parent").isEmpty();
        assertThat(text).doesNotContain("spring.io", "VMware", "spring-projects");
        assertThat(children(project, "licenses")).singleElement().satisfies(l ->
                assertThat(l.getTextContent()).contains("Apache License, Version 2.0"));
        List<Element> dependencies = children(children(project, "dependencies").get(0), "dependency");
        assertThat(dependencies).hasSizeGreaterThan(10);
        for (Element d : dependencies) {
            String id = text(d, "groupId") + ":" + text(d, "artifactId");
            assertThat(text(d, "version")).as(id).isNotBlank().doesNotContain("${");
            assertThat(id).doesNotStartWith("org.springframework");
        }
        assertThat(dependencies).extracting(d -> text(d, "artifactId"))
                .contains("axon-eventsourcing", "bcprov-jdk18on", "jackson-databind", "db-scheduler", "flyway-core");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }
}
