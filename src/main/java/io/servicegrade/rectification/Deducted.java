package io.servicegrade.rectification;

import io.servicegrade.scoring.Breakdown;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/**
 * Which items of an evaluation's breakdown an order may name (issue 19): those that lost points (scored below their
 * full points) and those that vetoed it; and how an order keeps them (decimals as text, never doubles).
 */
final class Deducted {

    private Deducted() {
    }

    static boolean is(Breakdown.ItemScore item) {
        return item.vetoed() || !item.notApplicable() && item.awarded() != null
                && item.awarded().compareTo(item.max()) < 0;
    }

    /** An item that lost every point it had (an order on it is major by default). */
    static boolean lostAll(Breakdown.ItemScore item) {
        return item.awarded() != null && item.max().signum() > 0 && item.awarded().signum() == 0;
    }

    static JsonObject json(Breakdown.ItemScore item) {
        BigDecimal awarded = item.awarded() == null ? BigDecimal.ZERO : item.awarded();
        return new JsonObject().put("key", item.key())
                .put("name", new JsonObject().put("zh-CN", item.name().zhCN()).put("en", item.name().en()))
                .put("max", item.max().toPlainString()).put("awarded", awarded.toPlainString())
                .put("deduction", item.max().subtract(awarded).max(BigDecimal.ZERO).toPlainString())
                .put("vetoed", item.vetoed());
    }

    /** The default title of an order from an evaluation: its items' names, in both languages. */
    static String title(long evaluation, JsonArray items) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            JsonObject name = item.getJsonObject("name");
            zh.append(i == 0 ? "" : "、").append(name == null ? item.getString("key") : name.getString("zh-CN"));
            en.append(i == 0 ? "" : ", ").append(name == null ? item.getString("key") : name.getString("en"));
        }
        return "测评 #" + evaluation + " 整改：" + zh + " / Evaluation #" + evaluation + ": " + en;
    }
}
