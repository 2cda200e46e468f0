package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link KeptAnswers} needs of a document, worked out once per document text: for each of its query operations
 * whose every root field is one {@link KeptRoots} answers and whose every field under them reads only that
 * feature's data, the root fields' calls (arguments as literals or variables). Any other operation (a mutation, a
 * subscription, introspection, another feature's field, a field with arguments under a root, a directive other than
 * {@code @include}/{@code @skip}, a fragment on another type) is not kept. Pure: no I/O, no Quarkus.
 */
final class KeptDocument {

    /** A root field as written: its name and its arguments' values, literals or variable references. */
    record RootCall(String field, Map<String, Value<?>> arguments) {
    }

    /** A kept operation: its feature, root calls and variable definitions (for their defaults). */
    record Operation(KeptRoots feature, List<RootCall> calls, Map<String, Value<?>> defaults) {

        /**
         * The calls with {@code variables} put in (a JSON object, or null); null when an argument is not a plain
         * value (a list, an input object, a variable of such a value).
         */
        List<KeptRoots.Call> calls(JsonNode variables) {
            List<KeptRoots.Call> resolved = new ArrayList<>();
            for (RootCall call : calls) {
                Map<String, Object> arguments = new HashMap<>();
                for (Map.Entry<String, Value<?>> argument : call.arguments().entrySet()) {
                    Plain value = plain(argument.getValue(), variables);
                    if (value == null) {
                        return null;
                    }
                    arguments.put(argument.getKey(), value.value());
                }
                resolved.add(new KeptRoots.Call(call.field(), arguments));
            }
            return resolved;
        }

        private Plain plain(Value<?> value, JsonNode variables) {
            if (value instanceof VariableReference reference) {
                JsonNode sent = variables == null ? null : variables.get(reference.getName());
                if (sent == null) {
                    Value<?> fallback = defaults.get(reference.getName());
                    return fallback == null ? new Plain(null) : plain(fallback, null);
                }
                if (sent.isNull()) {
                    return new Plain(null);
                }
                if (sent.isTextual()) {
                    return new Plain(sent.textValue());
                }
                if (sent.isNumber()) {
                    return new Plain(sent.numberValue());
                }
                return sent.isBoolean() ? new Plain(sent.booleanValue()) : null;
            }
            if (value instanceof StringValue text) {
                return new Plain(text.getValue());
            }
            if (value instanceof EnumValue name) {
                return new Plain(name.getName());
            }
            if (value instanceof IntValue number) {
                return new Plain(number.getValue());
            }
            if (value instanceof FloatValue number) {
                return new Plain(number.getValue());
            }
            if (value instanceof BooleanValue flag) {
                return new Plain(flag.isValue());
            }
            return value instanceof NullValue ? new Plain(null) : null;
        }
    }

    private record Plain(Object value) {
    }

    private final Map<String, Operation> byName;
    private final int operations;

    private KeptDocument(Map<String, Operation> byName, int operations) {
        this.byName = byName;
        this.operations = operations;
    }

    /** The kept operation {@code operationName} names (or the only one when null); null when it is not kept. */
    Operation operation(String operationName) {
        if (operationName == null || operationName.isEmpty()) {
            return operations == 1 && byName.size() == 1 ? byName.values().iterator().next() : null;
        }
        return byName.get(operationName);
    }

    /** {@code document} as far as keeping goes, given the features that keep answers. */
    static KeptDocument of(Document document, List<KeptRoots> features) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        List<OperationDefinition> definitions = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition operation) {
                definitions.add(operation);
            } else {
                return new KeptDocument(Map.of(), 0); // a type system definition: graphql-java refuses it
            }
        }
        Map<String, Operation> byName = new HashMap<>();
        for (OperationDefinition definition : definitions) {
            Operation kept = kept(definition, fragments, features);
            if (kept != null) {
                byName.put(nameOf(definition), kept);
            }
        }
        return new KeptDocument(byName, definitions.size());
    }

    private static String nameOf(OperationDefinition definition) {
        return definition.getName() == null ? "" : definition.getName();
    }

    private static Operation kept(OperationDefinition definition, Map<String, FragmentDefinition> fragments,
            List<KeptRoots> features) {
        if (definition.getOperation() != OperationDefinition.Operation.QUERY
                || !definition.getDirectives().isEmpty()) {
            return null;
        }
        KeptRoots feature = null;
        List<RootCall> calls = new ArrayList<>();
        for (Selection<?> selection : definition.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getDirectives().isEmpty()) {
                return null;
            }
            if (field.getName().equals("__typename")) {
                continue;
            }
            KeptRoots owner = owner(field.getName(), features);
            if (owner == null || feature != null && owner != feature) {
                return null;
            }
            feature = owner;
            if (field.getSelectionSet() == null || !reads(field.getSelectionSet(), owner.roots().get(field.getName()),
                    owner.fields(), fragments, new HashSet<>())) {
                return null;
            }
            Map<String, Value<?>> arguments = new LinkedHashMap<>();
            for (Argument argument : field.getArguments()) {
                arguments.put(argument.getName(), argument.getValue());
            }
            calls.add(new RootCall(field.getName(), arguments));
        }
        if (feature == null) {
            return null;
        }
        Map<String, Value<?>> defaults = new HashMap<>();
        for (VariableDefinition variable : definition.getVariableDefinitions()) {
            if (variable.getDefaultValue() != null) {
                defaults.put(variable.getName(), variable.getDefaultValue());
            }
        }
        return new Operation(feature, List.copyOf(calls), defaults);
    }

    private static KeptRoots owner(String root, List<KeptRoots> features) {
        for (KeptRoots feature : features) {
            if (feature.roots().containsKey(root)) {
                return feature;
            }
        }
        return null;
    }

    /** Whether every field of {@code set}, on {@code type}, and under it, is one the feature lists. */
    private static boolean reads(SelectionSet set, String type, Map<String, Map<String, String>> fields,
            Map<String, FragmentDefinition> fragments, Set<String> spreading) {
        Map<String, String> ofType = fields.get(type);
        if (ofType == null) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (!plainDirectives(field.getDirectives()) || !field.getArguments().isEmpty()) {
                    return false;
                }
                if (field.getName().equals("__typename")) {
                    continue;
                }
                if (!ofType.containsKey(field.getName())) {
                    return false;
                }
                String child = ofType.get(field.getName());
                if ((child == null) != (field.getSelectionSet() == null)) {
                    return false; // graphql-java refuses it; nothing to keep
                }
                if (child != null && !reads(field.getSelectionSet(), child, fields, fragments, spreading)) {
                    return false;
                }
            } else if (selection instanceof InlineFragment inline) {
                if (!plainDirectives(inline.getDirectives()) || inline.getTypeCondition() != null
                        && !inline.getTypeCondition().getName().equals(type)
                        || !reads(inline.getSelectionSet(), type, fields, fragments, spreading)) {
                    return false;
                }
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment == null || !plainDirectives(spread.getDirectives())
                        || !fragment.getDirectives().isEmpty()
                        || !fragment.getTypeCondition().getName().equals(type) || !spreading.add(spread.getName())) {
                    return false;
                }
                boolean read = reads(fragment.getSelectionSet(), type, fields, fragments, spreading);
                spreading.remove(spread.getName());
                if (!read) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    /** {@code @include} and {@code @skip} only: what they do is decided by the request's variables, in the key. */
    private static boolean plainDirectives(List<Directive> directives) {
        for (Directive directive : directives) {
            if (!directive.getName().equals("include") && !directive.getName().equals("skip")) {
                return false;
            }
        }
        return true;
    }
}
