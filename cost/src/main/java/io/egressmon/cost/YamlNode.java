package io.egressmon.cost;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers the file and line it came from (Jackson
 * YAML's token locations), so that a problem found after two files are merged still names the file
 * and line that caused it.
 */
sealed interface YamlNode {
    /** Where a node or key stands: file name and 1-based line. */
    record Where(String file, int line) {
    }

    Where where();

    /** What a reader is told it is, in a message: "a mapping", "a list", "the number 5". */
    String describe();

    record Entry(String key, Where keyWhere, YamlNode value) {
    }

    record Mapping(Map<String, Entry> entries, Where where) implements YamlNode {
        YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, Where where) implements YamlNode {
        public String describe() {
            return "a list";
        }
    }

    enum ScalarKind { NUMBER, TEXT, BOOLEAN, NULL }

    record Scalar(String text, ScalarKind kind, Where where) implements YamlNode {
        public String describe() {
            return switch (kind) {
                case NUMBER -> "the number " + text;
                case TEXT -> "the text '" + text + "'";
                case BOOLEAN -> "the value " + text;
                case NULL -> "nothing";
            };
        }
    }

    /** The document in {@code reader}; an empty document is an empty mapping. */
    static YamlNode read(String file, Reader reader, Problems problems) {
        try (YAMLParser parser = new YAMLFactory().createParser(reader)) {
            if (parser.nextToken() == null) {
                return new Mapping(Map.of(), new Where(file, 1));
            }
            return readNode(file, parser, new HashMap<>(), problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Where(file, at == null ? 1 : at.getLineNr()), "not valid YAML: " + e.getOriginalMessage().replace("in 'reader', ", "").replaceAll("\\s+", " "),
                    "correct the YAML syntax at this line (indentation, a missing ':' or an unclosed quote)");
            return new Mapping(Map.of(), new Where(file, 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The document in {@code file}, named by its path; a file that cannot be read is a problem
     * ("cannot read the {@code document} file") and an empty mapping.
     */
    static YamlNode read(Path file, String document, Problems problems) {
        String name = file.toString();
        if (!Files.isReadable(file)) {
            problems.add(new Where(name, 1), "cannot read the " + document + " file",
                    "check the path: the file must exist and be readable");
            return new Mapping(Map.of(), new Where(name, 1));
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(name, in, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Reads the node at the parser's current token; {@code anchors} are the {@code &name}s seen so far. */
    private static YamlNode readNode(String file, YAMLParser parser, Map<String, YamlNode> anchors, Problems problems)
            throws IOException {
        Where where = new Where(file, parser.currentTokenLocation().getLineNr());
        if (parser.isCurrentAlias()) {
            YamlNode anchored = anchors.get(parser.getText());
            if (anchored == null) {
                problems.add(where, "*" + parser.getText() + " refers to no anchor before it", "define &" + parser.getText() + " above this line");
                return new Scalar(null, ScalarKind.NULL, where);
            }
            return anchored;
        }
        String anchor = parser.getObjectId();
        YamlNode node = readValue(file, parser, where, anchors, problems);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private static YamlNode readValue(String file, YAMLParser parser, Where where, Map<String, YamlNode> anchors,
                                      Problems problems) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Where keyWhere = new Where(file, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    YamlNode value = readNode(file, parser, anchors, problems);
                    if (entries.containsKey(key)) {
                        problems.add(keyWhere, "'" + key + "' is given twice (also at line "
                                + entries.get(key).keyWhere().line() + ")", "keep one of them");
                    }
                    entries.put(key, new Entry(key, keyWhere, value));
                }
                return new Mapping(entries, where);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readNode(file, parser, anchors, problems));
                }
                return new Sequence(items, where);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Scalar(parser.getText(), ScalarKind.NUMBER, where);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(parser.getText(), ScalarKind.BOOLEAN, where);
            }
            case VALUE_NULL -> {
                return new Scalar(null, ScalarKind.NULL, where);
            }
            default -> {
                return new Scalar(parser.getText(), ScalarKind.TEXT, where);
            }
        }
    }

    /**
     * {@code over} laid over {@code base}: mappings merge key by key, at any depth; anything else
     * (a list of tiers, a number) is replaced whole, so a user's tiers never mix with the default's.
     */
    static YamlNode merge(YamlNode base, YamlNode over) {
        if (base instanceof Mapping b && over instanceof Mapping o) {
            Map<String, Entry> merged = new LinkedHashMap<>(b.entries());
            for (Entry e : o.entries().values()) {
                Entry old = merged.get(e.key());
                merged.put(e.key(), old == null ? e : new Entry(e.key(), e.keyWhere(), merge(old.value(), e.value())));
            }
            return new Mapping(merged, o.where());
        }
        return over;
    }
}
