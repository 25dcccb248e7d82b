package org.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code conf/parley.properties}, the loader's defaults and the {@link ServerConfig} record tree in step, so an
 * operator can trust the shipped file to list every key with its real default.
 */
class ConfigDocTest {

    /** Relative to the Maven basedir, which surefire uses as the working directory. */
    private static final Path SHIPPED = Path.of("conf", "parley.properties");

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void shippedFileListsExactlyTheKnownKeys() throws IOException {
        assertThat(shipped().stringPropertyNames()).isEqualTo(ConfigLoader.defaults().keySet());
    }

    @Test
    void shippedValuesAreTheDefaults() throws IOException {
        Properties properties = shipped();
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));

        assertThat(values).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void everyKeyHasACommentDirectlyAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED, StandardCharsets.UTF_8);
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            if (i == 0 || !lines.get(i - 1).strip().startsWith("#")) {
                undocumented.add(line);
            }
        }
        assertThat(undocumented).as("key lines without a comment line directly above").isEmpty();
    }

    @Test
    void shippedFileLoadsAndShowsEveryKey() throws Exception {
        ServerConfig config = ConfigLoader.load(Optional.of(SHIPPED), Map.of());

        assertThat(config.effectiveProperties()).isEqualTo(ConfigLoader.defaults());
    }

    /**
     * Every leaf of the record tree is set by exactly one key: changing each key on its own changes exactly one leaf,
     * and no two keys change the same one. A new component without a key, or a key that feeds nothing, fails here.
     */
    @Test
    void everyLeafComponentOfServerConfigMapsToItsOwnKey() throws Exception {
        ServerConfig base = ConfigLoader.load(Optional.of(SHIPPED), Map.of());
        Map<String, Object> baseLeaves = leaves(base);
        Set<String> leavesSetByAKey = new HashSet<>();

        for (Map.Entry<String, String> entry : ConfigLoader.defaults().entrySet()) {
            String key = entry.getKey();
            ServerConfig changed = ConfigLoader.load(Optional.of(SHIPPED), Map.of(key, otherValid(entry.getValue())));
            Map<String, Object> changedLeaves = leaves(changed);
            List<String> differing = baseLeaves.keySet().stream()
                    .filter(leaf -> !baseLeaves.get(leaf).equals(changedLeaves.get(leaf)))
                    .toList();

            assertThat(differing).as("leaves changed by %s", key).hasSize(1);
            assertThat(changed.effectiveProperties().get(key)).as("shown value of %s", key)
                    .isEqualTo(ConfigKeys.display(key, otherValid(entry.getValue())));
            leavesSetByAKey.add(differing.get(0));
        }
        assertThat(leavesSetByAKey).isEqualTo(baseLeaves.keySet());
    }

    /** A valid value that differs from the default, derived from its type so new keys need no test change. */
    private static String otherValid(String defaultValue) {
        if (defaultValue.equals("true") || defaultValue.equals("false")) {
            return Boolean.toString(!Boolean.parseBoolean(defaultValue));
        }
        if (defaultValue.equals("always")) {
            return "roster"; // mam.default: one of always, never, roster
        }
        if (defaultValue.matches("\\d+")) {
            return Integer.toString(Integer.parseInt(defaultValue) + 1);
        }
        return defaultValue + "x";
    }

    /** The record tree flattened to "c2s.port"-style component paths (Java names, not configuration keys). */
    private static Map<String, Object> leaves(Record record) throws ReflectiveOperationException {
        Map<String, Object> result = new LinkedHashMap<>();
        collect("", record, result);
        return result;
    }

    private static void collect(String prefix, Record record, Map<String, Object> into)
            throws ReflectiveOperationException {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(record);
            String name = prefix + component.getName();
            if (value instanceof Record nested) {
                collect(name + ".", nested, into);
            } else {
                into.put(name, value);
            }
        }
    }
}
