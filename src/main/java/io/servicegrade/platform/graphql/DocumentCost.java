package io.servicegrade.platform.graphql;

import io.servicegrade.platform.json.InputRules;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.InputValueWithState;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a parsed GraphQL document would cost to run, worked out before it is validated or executed, in time linear
 * in the document's size: each fragment is costed once and remembered, so a fragment that spreads the previous one
 * three times, fourteen deep, costs fourteen steps to cost (and 3^14 fields, which is what gets it refused).
 *
 * <ul>
 * <li><b>fields</b>: the fields the document expands to, every alias and every fragment spread counted;</li>
 * <li><b>cost</b>: each field counts 1, and what is selected under a field with a page size ({@code first} or
 * {@code last}: its value, its variable's, or the schema's default) counts that many times, through every level.
 * Introspection ({@code __schema}, {@code __type}) is not multiplied: its answer is bounded by the schema.</li>
 * <li><b>depth</b>: the most data fields nested inside one another (a root field is 1). Introspection fields and
 * everything under them do not count: the standard introspection query of graphql-js 16 nests 15 deep, and its
 * answer is bounded by the schema.</li>
 * </ul>
 * Arguments are checked on the way: a string with a control character, or a null page size, refuses the document
 * with the argument's path. Pure code: no framework, no I/O.
 */
public final class DocumentCost {

    /** The arguments that say how many items a list field answers. */
    static final Set<String> PAGE_SIZE_ARGUMENTS = Set.of("first", "last");
    /** A page size when neither the document nor the schema gives one. */
    static final long DEFAULT_PAGE_SIZE = 50;
    /** How many fragments may be spread inside one another; also what stops a cycle. */
    static final int MAX_FRAGMENT_NESTING = 64;

    /** What running the document would cost: its largest operation's. */
    public record Cost(long fields, long cost, boolean subscription, long depth) {
    }

    /** The document is refused before anything runs: why. */
    public static final class Refusal extends RuntimeException {
        final String code;
        final String path;

        Refusal(String code, String path) {
            super(code, null, false, false);
            this.code = code;
            this.path = path;
        }
    }

    private record Tally(long fields, long cost, long depth) {
        Tally(long fields, long cost) {
            this(fields, cost, 0);
        }
    }

    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Tally> costed = new HashMap<>();
    private final Set<String> costing = new HashSet<>();
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new HashMap<>();
    private final GraphQLSchema schema;

    private DocumentCost(Document document, Map<String, Object> variables, GraphQLSchema schema) {
        this.variables = variables == null ? Map.of() : variables;
        this.schema = schema;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.putIfAbsent(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition operation) {
                for (VariableDefinition variable : operation.getVariableDefinitions()) {
                    if (variable.getDefaultValue() != null) {
                        variableDefaults.putIfAbsent(variable.getName(), variable.getDefaultValue());
                    }
                }
            }
        }
    }

    /**
     * The cost of running {@code operationName} (or, when absent, the largest operation) of {@code document} with
     * {@code variables}; {@code schema} (may be null) gives the page sizes' defaults.
     *
     * @throws Refusal when an argument or variable is refused ({@link GraphQLRefusal#CONTROL_CHARACTER},
     *                 {@link GraphQLRefusal#BAD_ARGUMENT}) or fragments nest too deeply
     */
    public static Cost of(Document document, Map<String, Object> variables, String operationName,
            GraphQLSchema schema) {
        checkVariables(variables, "$");
        DocumentCost costing = new DocumentCost(document, variables, schema);
        long fields = 0;
        long cost = 0;
        long depth = 0;
        boolean subscription = false;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                String root = switch (operation.getOperation()) {
                    case MUTATION -> schema == null || schema.getMutationType() == null ? null
                            : schema.getMutationType().getName();
                    case SUBSCRIPTION -> schema == null || schema.getSubscriptionType() == null ? null
                            : schema.getSubscriptionType().getName();
                    default -> schema == null ? null : schema.getQueryType().getName();
                };
                Tally tally = costing.selections(operation.getSelectionSet(), root, "", false, 0);
                boolean chosen = operationName == null || operationName.equals(operation.getName());
                if (chosen) {
                    fields = Math.max(fields, tally.fields());
                    cost = Math.max(cost, tally.cost());
                    depth = Math.max(depth, tally.depth());
                    subscription |= operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
                }
            }
        }
        return new Cost(fields, cost, subscription, depth);
    }

    private Tally selections(SelectionSet set, String type, String path, boolean introspection, int nesting) {
        if (set == null) {
            return new Tally(0, 0);
        }
        long fields = 0;
        long cost = 0;
        long depth = 0;
        for (Selection<?> selection : set.getSelections()) {
            Tally tally;
            if (selection instanceof Field field) {
                tally = field(field, type, path, introspection, nesting);
            } else if (selection instanceof InlineFragment inline) {
                String on = inline.getTypeCondition() == null ? type : inline.getTypeCondition().getName();
                tally = selections(inline.getSelectionSet(), on, path, introspection, nesting);
            } else if (selection instanceof FragmentSpread spread) {
                tally = fragment(spread.getName(), introspection, nesting);
            } else {
                tally = new Tally(0, 0);
            }
            fields = add(fields, tally.fields());
            cost = add(cost, tally.cost());
            depth = Math.max(depth, tally.depth());
        }
        return new Tally(fields, cost, depth);
    }

    private Tally fragment(String name, boolean introspection, int nesting) {
        FragmentDefinition fragment = fragments.get(name);
        if (fragment == null) {
            return new Tally(0, 0); // validation names the unknown fragment
        }
        String key = (introspection ? "__" : "") + name;
        Tally known = costed.get(key);
        if (known != null) {
            return known;
        }
        if (nesting >= MAX_FRAGMENT_NESTING || !costing.add(key)) {
            throw new Refusal(GraphQLRefusal.FRAGMENTS_TOO_DEEP, name);
        }
        Tally tally = selections(fragment.getSelectionSet(), fragment.getTypeCondition().getName(),
                "..." + name, introspection, nesting + 1);
        costing.remove(key);
        costed.put(key, tally);
        return tally;
    }

    private Tally field(Field field, String type, String path, boolean introspection, int nesting) {
        String key = field.getAlias() != null ? field.getAlias() : field.getName();
        String here = path.isEmpty() ? key : path + "." + key;
        boolean inIntrospection = introspection || field.getName().startsWith("__");
        GraphQLFieldDefinition definition = definition(type, field.getName());
        long pageSize = 1;
        for (Argument argument : field.getArguments()) {
            String at = here + "(" + argument.getName() + ")";
            checkValue(argument.getValue(), at);
            if (!inIntrospection && PAGE_SIZE_ARGUMENTS.contains(argument.getName())) {
                pageSize = Math.max(1, pageSize(argument.getValue(), at));
            }
        }
        if (!inIntrospection && pageSize == 1 && definition != null) {
            for (String name : PAGE_SIZE_ARGUMENTS) {
                GraphQLArgument declared = definition.getArgument(name);
                if (declared != null && field.getArguments().stream().noneMatch(a -> a.getName().equals(name))) {
                    pageSize = Math.max(pageSize, declaredDefault(declared));
                }
            }
        }
        String child = definition == null ? null : namedType(definition.getType());
        Tally under = selections(field.getSelectionSet(), child, here, inIntrospection, nesting);
        return new Tally(add(1, under.fields()), add(1, multiply(pageSize, under.cost())),
                inIntrospection && !"__typename".equals(field.getName()) ? 0 : 1 + under.depth());
    }

    private GraphQLFieldDefinition definition(String type, String field) {
        if (schema == null || type == null) {
            return null;
        }
        GraphQLType named = schema.getType(type);
        return named instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(field) : null;
    }

    private static String namedType(GraphQLType type) {
        return GraphQLTypeUtil.unwrapAll(type).getName();
    }

    private static long declaredDefault(GraphQLArgument argument) {
        InputValueWithState value = argument.getArgumentDefaultValue();
        if (value != null && value.isSet() && value.getValue() instanceof Number number) {
            return number.longValue();
        }
        if (value != null && value.isLiteral() && value.getValue() instanceof IntValue literal) {
            return literal.getValue().longValue();
        }
        return DEFAULT_PAGE_SIZE;
    }

    private long pageSize(Value<?> value, String path) {
        if (value instanceof IntValue literal) {
            return clamp(literal.getValue());
        }
        if (value instanceof NullValue) {
            throw new Refusal(GraphQLRefusal.BAD_ARGUMENT, path);
        }
        if (value instanceof VariableReference reference) {
            if (variables.containsKey(reference.getName())) {
                Object given = variables.get(reference.getName());
                if (given == null) {
                    throw new Refusal(GraphQLRefusal.BAD_ARGUMENT, path);
                }
                return given instanceof Number number ? clamp(new java.math.BigDecimal(number.toString())
                        .toBigInteger()) : DEFAULT_PAGE_SIZE;
            }
            Value<?> fallback = variableDefaults.get(reference.getName());
            return fallback instanceof IntValue literal ? clamp(literal.getValue()) : DEFAULT_PAGE_SIZE;
        }
        return DEFAULT_PAGE_SIZE; // a wrong type: validation says so
    }

    private static long clamp(java.math.BigInteger value) {
        return value.bitLength() > 62 ? (value.signum() < 0 ? 1 : Long.MAX_VALUE / 2) : value.longValue();
    }

    /** Refuses a string holding a control character anywhere in an argument's value. */
    private static void checkValue(Value<?> value, String path) {
        if (value instanceof StringValue string) {
            if (hasControl(string.getValue())) {
                throw new Refusal(GraphQLRefusal.CONTROL_CHARACTER, path);
            }
        } else if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                checkValue(field.getValue(), path + "." + field.getName());
            }
        } else if (value instanceof ArrayValue array) {
            List<Value> values = array.getValues();
            for (int i = 0; i < values.size(); i++) {
                checkValue(values.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void checkVariables(Object value, String path) {
        if (value instanceof String string) {
            if (hasControl(string)) {
                throw new Refusal(GraphQLRefusal.CONTROL_CHARACTER, path);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (hasControl(name)) {
                    throw new Refusal(GraphQLRefusal.CONTROL_CHARACTER, path);
                }
                checkVariables(entry.getValue(), path.equals("$") ? "$" + name : path + "." + name);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkVariables(list.get(i), path + "[" + i + "]");
            }
        }
    }

    /**
     * A character no text of the product may hold (platform/json/InputRules): a C0 control character other than
     * tab, line feed and carriage return, or half of a surrogate pair.
     */
    static boolean hasControl(String text) {
        return InputRules.firstBadCharacter(text, InputRules.Text.MULTILINE) >= 0;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
