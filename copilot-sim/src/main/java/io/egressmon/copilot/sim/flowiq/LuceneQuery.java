package io.egressmon.copilot.sim.flowiq;

import io.egressmon.schemas.IpClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The subset of Lucene query syntax that the report scripts send to FlowIQ, parsed once and
 * evaluated against {@link FlowRecord}s.
 *
 * <pre>
 * query   := "" | "*" | "*:*" | or
 * or      := and ( ("OR" | "||") and )*          AND binds tighter than OR
 * and     := unary ( ("AND" | "&amp;&amp;") unary )*
 * unary   := ("NOT" | "!") unary | primary
 * primary := "(" or ")" | field ":" target | value   (a bare value only inside a field group)
 * target  := value | "*" | "(" or ")"               field:(a OR b) applies the field to a and b
 * value   := "quoted, with \" and \\ escapes" | bare  (a bare value may escape with \, e.g. 10.0.0.0\/8)
 * </pre>
 *
 * On IP fields a value with {@code /} is a CIDR block, else an exact address; number fields
 * (ports, protocol) take integers (the protocol also {@code tcp}, {@code udp}, {@code icmp}); the
 * gateway name is compared exactly. Operators are upper case, as in Lucene. Anything else —
 * unknown fields, wildcards, ranges, fuzzy or boosted terms, {@code +}/{@code -} prefixes, two terms
 * with no operator between them, an unquoted {@code /} (Lucene's regex delimiter) — is refused with
 * a {@link LuceneSyntaxException} that says what and where, rather than guessed at.
 */
public final class LuceneQuery {

    private static final LuceneQuery MATCH_ALL = new LuceneQuery("*", new MatchAll());

    private final String text;
    private final Node root;

    private LuceneQuery(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}; null, blank, {@code *} and {@code *:*} match every record. */
    public static LuceneQuery parse(String text) {
        if (text == null || text.isBlank()) {
            return MATCH_ALL;
        }
        return new LuceneQuery(text, new Parser(text).parseQuery());
    }

    public static LuceneQuery matchAll() {
        return MATCH_ALL;
    }

    public boolean matches(FlowRecord record) {
        return root.matches(record);
    }

    /**
     * The values {@code field} can have in a matching record, when the query pins it down: for
     * {@code … AND netflow.gw_name:"gw"} that is {@code {"gw"}}. Empty when any value could match.
     * Lets the simulator look only at one gateway's flows. Keyword fields only.
     */
    public Optional<Set<String>> possibleValues(FlowField field) {
        return root.possibleValues(field);
    }

    /** The text the query was parsed from. */
    public String text() {
        return text;
    }

    /** The parsed query with every group parenthesised, e.g. {@code (a:"1" OR (b:"2" AND NOT c:"3"))}. */
    public String canonical() {
        return root.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }

    private sealed interface Node permits MatchAll, And, Or, Not, Term {

        boolean matches(FlowRecord record);

        default Optional<Set<String>> possibleValues(FlowField field) {
            return Optional.empty();
        }
    }

    private record MatchAll() implements Node {

        @Override
        public boolean matches(FlowRecord record) {
            return true;
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    private record And(List<Node> parts) implements Node {

        @Override
        public boolean matches(FlowRecord record) {
            for (Node part : parts) {
                if (!part.matches(record)) {
                    return false;
                }
            }
            return true;
        }

        /** Every constrained part must hold, so the candidates are the intersection. */
        @Override
        public Optional<Set<String>> possibleValues(FlowField field) {
            Set<String> values = null;
            for (Node part : parts) {
                Optional<Set<String>> partValues = part.possibleValues(field);
                if (partValues.isPresent()) {
                    if (values == null) {
                        values = new HashSet<>(partValues.get());
                    } else {
                        values.retainAll(partValues.get());
                    }
                }
            }
            return Optional.ofNullable(values).map(Set::copyOf);
        }

        @Override
        public String toString() {
            return parts.stream().map(Node::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    private record Or(List<Node> parts) implements Node {

        @Override
        public boolean matches(FlowRecord record) {
            for (Node part : parts) {
                if (part.matches(record)) {
                    return true;
                }
            }
            return false;
        }

        /** Known only when every alternative is constrained: then it is the union. */
        @Override
        public Optional<Set<String>> possibleValues(FlowField field) {
            Set<String> values = new HashSet<>();
            for (Node part : parts) {
                Optional<Set<String>> partValues = part.possibleValues(field);
                if (partValues.isEmpty()) {
                    return Optional.empty();
                }
                values.addAll(partValues.get());
            }
            return Optional.of(Set.copyOf(values));
        }

        @Override
        public String toString() {
            return parts.stream().map(Node::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    private record Not(Node inner) implements Node {

        @Override
        public boolean matches(FlowRecord record) {
            return !inner.matches(record);
        }

        @Override
        public String toString() {
            return "NOT " + inner;
        }
    }

    /** One comparison of a field with a value. */
    private sealed interface Term extends Node permits Cidr, Keyword, Numeric, Exists {
    }

    /** An exact address is a /32. */
    private record Cidr(FlowField field, long network, int length, String text) implements Term {

        @Override
        public boolean matches(FlowRecord record) {
            long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
            return (record.address(field) & mask) == (network & mask);
        }

        @Override
        public String toString() {
            return field + ":" + quote(text);
        }
    }

    private record Keyword(FlowField field, String value) implements Term {

        @Override
        public boolean matches(FlowRecord record) {
            return value.equals(record.value(field));
        }

        @Override
        public Optional<Set<String>> possibleValues(FlowField asked) {
            return asked == field ? Optional.of(Set.of(value)) : Optional.empty();
        }

        @Override
        public String toString() {
            return field + ":" + quote(value);
        }
    }

    private record Numeric(FlowField field, int value) implements Term {

        @Override
        public boolean matches(FlowRecord record) {
            return record.number(field) == value;
        }

        @Override
        public String toString() {
            return field + ":" + value;
        }
    }

    /** {@code field:*}: every flow record has every field. */
    private record Exists(FlowField field) implements Term {

        @Override
        public boolean matches(FlowRecord record) {
            return true;
        }

        @Override
        public String toString() {
            return field + ":*";
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private enum Type { LPAREN, RPAREN, COLON, AND, OR, NOT, QUOTED, BARE, END }

    /** A token; {@code text} is the value with escapes resolved; {@code raw} is what the query says. */
    private record Token(Type type, String text, String raw, int position) {

        String describe() {
            return type == Type.END ? "the end of the query" : "'" + raw + "'";
        }
    }

    private static final class Lexer {

        private final String text;
        private int i;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i >= text.length()) {
                    tokens.add(new Token(Type.END, "", "", text.length()));
                    return tokens;
                }
                tokens.add(next());
            }
        }

        private Token next() {
            int start = i;
            char c = text.charAt(i);
            switch (c) {
                case '(' -> {
                    i++;
                    return new Token(Type.LPAREN, "(", "(", start);
                }
                case ')' -> {
                    i++;
                    return new Token(Type.RPAREN, ")", ")", start);
                }
                case ':' -> {
                    i++;
                    return new Token(Type.COLON, ":", ":", start);
                }
                case '"' -> {
                    return quoted();
                }
                case '&', '|' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == c) {
                        i += 2;
                        return new Token(c == '&' ? Type.AND : Type.OR, c + "" + c, c + "" + c, start);
                    }
                    throw new LuceneSyntaxException("a single '" + c + "' (write " + c + c + " or "
                            + (c == '&' ? "AND" : "OR") + ")", start);
                }
                case '!' -> {
                    i++;
                    return new Token(Type.NOT, "!", "!", start);
                }
                case '+', '-' -> throw new LuceneSyntaxException("the '" + c
                        + "' prefix operator is not supported (use AND / NOT)", start);
                case '[', ']', '{', '}' -> throw new LuceneSyntaxException("range queries ('" + c
                        + "') are not supported", start);
                case '^', '~' -> throw new LuceneSyntaxException("boosts and fuzzy terms ('" + c
                        + "') are not supported", start);
                default -> {
                    return bare();
                }
            }
        }

        private Token quoted() {
            int start = i++;
            StringBuilder value = new StringBuilder();
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '"') {
                    return new Token(Type.QUOTED, value.toString(), text.substring(start, i), start);
                }
                if (c == '\\') {
                    if (i >= text.length()) {
                        break;
                    }
                    value.append(text.charAt(i++));
                } else {
                    value.append(c);
                }
            }
            throw new LuceneSyntaxException("unterminated quoted value starting", start);
        }

        private Token bare() {
            int start = i;
            StringBuilder value = new StringBuilder();
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || "():\"".indexOf(c) >= 0) {
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= text.length()) {
                        throw new LuceneSyntaxException("a '\\' escapes nothing", i);
                    }
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == '/') {
                    throw new LuceneSyntaxException("an unquoted '/' starts a regular expression in Lucene;"
                            + " quote the CIDR (field:\"10.0.0.0/8\")", i);
                }
                if ((c == '*' || c == '?') && !(c == '*' && i == start && endsBareAt(i + 1))) {
                    throw new LuceneSyntaxException("wildcards ('" + c + "') are not supported", i);
                }
                if ("[]{}^~".indexOf(c) >= 0) {
                    throw new LuceneSyntaxException("'" + c + "' is not supported in a value (quote it)", i);
                }
                value.append(c);
                i++;
            }
            String raw = text.substring(start, i);
            Type type = switch (raw) {
                case "AND" -> Type.AND;
                case "OR" -> Type.OR;
                case "NOT" -> Type.NOT;
                default -> Type.BARE;
            };
            return new Token(type, value.toString(), raw, start);
        }

        private boolean endsBareAt(int j) {
            return j >= text.length() || Character.isWhitespace(text.charAt(j)) || "():\"".indexOf(text.charAt(j)) >= 0;
        }
    }

    private static final class Parser {

        private final List<Token> tokens;
        private int next;

        Parser(String text) {
            this.tokens = new Lexer(text).tokens();
        }

        Node parseQuery() {
            if (peek().type() == Type.BARE && peek().raw().equals("*") && tokens.size() == 2) {
                return new MatchAll();
            }
            Node node = parseOr(null);
            Token after = peek();
            if (after.type() != Type.END) {
                if (after.type() == Type.RPAREN) {
                    throw new LuceneSyntaxException("unexpected ')' without a matching '('", after.position());
                }
                throw new LuceneSyntaxException("expected AND, OR or the end of the query, found "
                        + after.describe() + " (terms need an operator between them)", after.position());
            }
            return node;
        }

        /** {@code field} is the field of the enclosing {@code field:( … )} group, or null outside one. */
        private Node parseOr(FlowField field) {
            List<Node> parts = new ArrayList<>();
            parts.add(parseAnd(field));
            while (peek().type() == Type.OR) {
                next++;
                parts.add(parseAnd(field));
            }
            return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
        }

        private Node parseAnd(FlowField field) {
            List<Node> parts = new ArrayList<>();
            parts.add(parseUnary(field));
            while (peek().type() == Type.AND) {
                next++;
                parts.add(parseUnary(field));
            }
            return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
        }

        private Node parseUnary(FlowField field) {
            if (peek().type() == Type.NOT) {
                next++;
                return new Not(parseUnary(field));
            }
            return parsePrimary(field);
        }

        private Node parsePrimary(FlowField field) {
            Token token = tokens.get(next++);
            switch (token.type()) {
                case LPAREN -> {
                    Node inner = parseOr(field);
                    closeGroup(token);
                    return inner;
                }
                case BARE -> {
                    if (peek().type() == Type.COLON) {
                        next++;
                        return parseTarget(token);
                    }
                    if (field != null) {
                        return term(field, token);
                    }
                    throw new LuceneSyntaxException("expected field:value, found " + token.describe()
                            + " without a field", token.position());
                }
                case QUOTED -> {
                    if (field != null) {
                        return term(field, token);
                    }
                    throw new LuceneSyntaxException("a quoted value needs a field (field:" + token.raw() + ")",
                            token.position());
                }
                default -> throw new LuceneSyntaxException("expected a term, found " + token.describe()
                        + (token.type() == Type.END && next > 1 ? " after " + tokens.get(next - 2).describe() : ""),
                        token.position());
            }
        }

        /** After {@code name:}: a value, {@code *}, or a group of values for that field. */
        private Node parseTarget(Token name) {
            Token value = tokens.get(next++);
            if (name.raw().equals("*")) {
                if (value.type() == Type.BARE && value.raw().equals("*")) {
                    return new MatchAll();
                }
                throw new LuceneSyntaxException("only *:* may use '*' as a field name", name.position());
            }
            FlowField field = FlowField.byName(name.text()).orElseThrow(() -> new LuceneSyntaxException(
                    "unknown field '" + name.text() + "' (known: " + FlowField.names() + ")", name.position()));
            return switch (value.type()) {
                case LPAREN -> {
                    Node inner = parseOr(field);
                    closeGroup(value);
                    yield inner;
                }
                case BARE -> value.raw().equals("*") ? new Exists(field) : term(field, value);
                case QUOTED -> term(field, value);
                default -> throw new LuceneSyntaxException("expected a value after '" + name.raw() + ":', found "
                        + value.describe(), value.position());
            };
        }

        private void closeGroup(Token open) {
            Token close = peek();
            if (close.type() != Type.RPAREN) {
                throw new LuceneSyntaxException("expected ')' to close the '(' at position " + open.position()
                        + ", found " + close.describe(), close.position());
            }
            next++;
        }

        private Term term(FlowField field, Token value) {
            String text = value.text();
            int at = value.position();
            return switch (field.kind()) {
                case KEYWORD -> new Keyword(field, text);
                case IP -> cidr(field, text, at);
                case NUMBER -> new Numeric(field, number(field, text, at));
            };
        }

        private static Cidr cidr(FlowField field, String text, int at) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            long network;
            try {
                network = IpClass.parseIpv4(address);
            } catch (IllegalArgumentException e) {
                throw new LuceneSyntaxException("'" + text + "' is not an IPv4 address or CIDR block for " + field, at);
            }
            int length = 32;
            if (slash >= 0) {
                String prefix = text.substring(slash + 1);
                if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(prefix) > 32) {
                    throw new LuceneSyntaxException("'" + text + "' has a bad prefix length (0..32) for " + field, at);
                }
                length = Integer.parseInt(prefix);
            }
            return new Cidr(field, network, length, text);
        }

        private static int number(FlowField field, String text, int at) {
            if (field == FlowField.PROTOCOL) {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "icmp" -> {
                        return 1;
                    }
                    case "tcp" -> {
                        return 6;
                    }
                    case "udp" -> {
                        return 17;
                    }
                    default -> { }
                }
            }
            int max = field == FlowField.PROTOCOL ? 255 : 65535;
            if (!text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit)) {
                int value = Integer.parseInt(text);
                if (value <= max) {
                    return value;
                }
            }
            throw new LuceneSyntaxException("'" + text + "' is not a valid " + field + " (0.." + max
                    + (field == FlowField.PROTOCOL ? ", tcp, udp or icmp" : "") + ")", at);
        }

        private Token peek() {
            return tokens.get(next);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LuceneQuery other && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root);
    }
}
