package io.servicegrade.complaint;

import io.quarkus.runtime.Startup;
import io.servicegrade.platform.config.ServiceGradeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The complaint categories a registration may name (issue 19b): a configured list of keys, each with its zh-CN and
 * en names, so every page, export and view shows a name, and the repeat rule still compares keys exactly. Read once
 * at start; a bad configuration stops the server instead of refusing complaints later.
 */
@ApplicationScoped
@Startup
public class ComplaintCategories {

    /** A key is short, lower-case and stable: it is stored on each complaint and compared exactly. */
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /**
     * The categories of the postal service-quality rules, in the order the rules list them; {@code queue-time} and
     * {@code fees} were the keys in use before the list existed, so complaints stored with them keep their meaning.
     */
    static final List<Category> DEFAULTS = List.of(
            new Category("attitude", "服务态度", "Service attitude"),
            new Category("queue-time", "等候时间", "Waiting time"),
            new Category("handling", "业务办理", "Business handling"),
            new Category("fees", "收费", "Fees"),
            new Category("facilities", "环境设施", "Environment and facilities"),
            new Category("other", "其他", "Other"));

    /** A category: its key and its names. */
    public record Category(String key, String nameZh, String nameEn) {

        /** The name in the reader's language: zh-CN when {@code chinese}, en otherwise. */
        public String name(boolean chinese) {
            return chinese ? nameZh : nameEn;
        }
    }

    private final Map<String, Category> byKey;

    @Inject
    public ComplaintCategories(ServiceGradeConfig config) {
        this(of(config.complaints().categories()));
    }

    ComplaintCategories(List<Category> categories) {
        Map<String, Category> map = new LinkedHashMap<>();
        categories.forEach(c -> map.put(c.key(), c));
        this.byKey = map;
    }

    /**
     * The list a configuration gives: the defaults when it names none, else exactly the ones it names, by key. A key
     * that is not a key, or a name left blank, is an error of the deployment's.
     */
    static List<Category> of(Map<String, ServiceGradeConfig.Complaints.CategoryNames> configured) {
        if (configured == null || configured.isEmpty()) {
            return DEFAULTS;
        }
        List<Category> all = new ArrayList<>();
        new TreeMap<>(configured).forEach((key, names) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalStateException("servicegrade.complaints.categories: '" + key + "' is not a key (a "
                        + "lower-case letter, then up to 39 lower-case letters, digits or hyphens)");
            }
            if (names.zh() == null || names.zh().isBlank() || names.en() == null || names.en().isBlank()) {
                throw new IllegalStateException("servicegrade.complaints.categories." + key + ": give both names, "
                        + ".zh and .en");
            }
            all.add(new Category(key, names.zh().strip(), names.en().strip()));
        });
        return List.copyOf(all);
    }

    /** Every category, in the configured order. */
    public List<Category> all() {
        return List.copyOf(byKey.values());
    }

    public boolean known(String key) {
        return key != null && byKey.containsKey(key);
    }

    /** The allowed keys, as a refusal names them. */
    public String keys() {
        return String.join(", ", byKey.keySet());
    }

    /**
     * The category of a stored complaint. A key no longer configured (the list changed after the complaint was
     * registered) is shown as itself in both languages rather than hidden.
     */
    public Category of(String key) {
        Category found = byKey.get(key);
        return found != null ? found : new Category(key, key, key);
    }
}
