package io.glance.adapters.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * oslo.policy's rule language: checks ({@code role:x}, {@code rule:x}, {@code kind:match}, {@code @}, {@code !})
 * combined with {@code not}, {@code and}, {@code or} (in that order of precedence, keywords in any case) and
 * parentheses. Tokens are split at whitespace and parentheses peeled off their ends, as oslo.policy does, so
 * {@code project_id:%(project_id)s)} is a check followed by {@code )}.
 * <p>
 * Unlike oslo.policy, which logs an unparsable rule and then denies everything it guards, this parser refuses it:
 * the policy is read at start-up, and a typo should stop the service rather than lock everybody out quietly. The
 * empty string is the one check string that is not parsed: it allows everything.
 */
final class CheckParser {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private final String source;
    private final List<String> tokens;
    private int position;

    private CheckParser(String source, List<String> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** @throws PolicySyntaxException naming the string and the problem */
    static Check parse(String checkString) {
        if (checkString.isEmpty()) {
            return new Check.Always();
        }
        CheckParser parser = new CheckParser(checkString, tokenize(checkString));
        if (parser.tokens.isEmpty()) {
            throw new PolicySyntaxException(checkString, "it holds only whitespace (write \"\" or @ to allow"
                    + " everybody, ! to allow nobody)");
        }
        Check check = parser.orExpression();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return check;
    }

    private static List<String> tokenize(String checkString) {
        List<String> tokens = new ArrayList<>();
        for (String word : WHITESPACE.split(checkString.strip())) {
            if (word.isEmpty()) {
                continue;
            }
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add("(");
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            if (end > start) {
                tokens.add(word.substring(start, end));
            }
            for (int i = end; i < word.length(); i++) {
                tokens.add(")");
            }
        }
        return tokens;
    }

    private Check orExpression() {
        List<Check> alternatives = new ArrayList<>();
        alternatives.add(andExpression());
        while (nextIs("or")) {
            position++;
            alternatives.add(andExpression());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Check.AnyOf(alternatives);
    }

    private Check andExpression() {
        List<Check> all = new ArrayList<>();
        all.add(unary());
        while (nextIs("and")) {
            position++;
            all.add(unary());
        }
        return all.size() == 1 ? all.get(0) : new Check.AllOf(all);
    }

    private Check unary() {
        if (position >= tokens.size()) {
            throw error(position == 0 ? "it is empty" : "it ends after '" + tokens.get(position - 1)
                    + "' where a check was expected");
        }
        String token = tokens.get(position);
        if (nextIs("not")) {
            position++;
            return new Check.Not(unary());
        }
        if (token.equals("(")) {
            position++;
            Check inner = orExpression();
            if (position >= tokens.size() || !tokens.get(position).equals(")")) {
                throw error("'(' is not closed");
            }
            position++;
            return inner;
        }
        if (token.equals(")") || nextIs("and") || nextIs("or")) {
            throw error("a check was expected where '" + token + "' is");
        }
        position++;
        return check(token);
    }

    private Check check(String token) {
        if (token.equals("@")) {
            return new Check.Always();
        }
        if (token.equals("!")) {
            return new Check.Never();
        }
        int colon = token.indexOf(':');
        if (colon < 0) {
            throw error("'" + token + "' is not a check (kind:match, @ or !)");
        }
        String kind = token.substring(0, colon);
        String match = token.substring(colon + 1);
        TargetTemplate template;
        try {
            template = TargetTemplate.parse(match);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        return switch (kind) {
            case "rule" -> {
                if (match.isEmpty()) {
                    throw error("'rule:' names no rule");
                }
                yield new Check.RuleReference(match);
            }
            case "role" -> new Check.RoleCheck(template);
            case "http", "https" -> throw error("'" + token + "': remote (http) checks are not supported");
            case "" -> throw error("'" + token + "' has no kind before ':'");
            default -> new Check.GenericCheck(kind, literal(kind), template);
        };
    }

    /**
     * The kind as Python's {@code ast.literal_eval} then {@code str} would render it: quoted strings, {@code True},
     * {@code False}, {@code None} and integers are literals; anything else names a credential.
     */
    private static String literal(String kind) {
        if (kind.length() >= 2 && (kind.charAt(0) == '\'' || kind.charAt(0) == '"')
                && kind.charAt(kind.length() - 1) == kind.charAt(0)) {
            return kind.substring(1, kind.length() - 1);
        }
        if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
            return kind;
        }
        if (INTEGER.matcher(kind).matches()) {
            return new java.math.BigInteger(kind).toString();
        }
        return null;
    }

    private boolean nextIs(String keyword) {
        return position < tokens.size() && tokens.get(position).toLowerCase(Locale.ROOT).equals(keyword);
    }

    private PolicySyntaxException error(String problem) {
        return new PolicySyntaxException(source, problem);
    }
}
