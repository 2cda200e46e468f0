package io.servicegrade.webhook;

import io.servicegrade.platform.csv.Csv;
import io.servicegrade.platform.csv.Xlsx;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A delivery log as an export (issue 19): one row per delivery with its last attempt, through the one CSV writer and
 * the one XLSX writer; the header and the states in Chinese for a {@code zh*} language, English otherwise.
 */
public final class WebhookExport {

    private static final List<String> HEADER = List.of("id", "webhookId", "kind", "subject", "state", "series",
            "attempts", "lastAttemptAt", "lastStatus", "lastError", "nextAttemptAt", "createdAt", "finishedAt");
    private static final List<String> HEADER_ZH = List.of("编号", "事件标识", "事件类型", "对象", "状态", "轮次",
            "本轮尝试次数", "最近尝试时间", "最近状态码", "最近错误", "下次尝试时间", "创建时间", "完成时间");

    private WebhookExport() {
    }

    static List<String> header(String language) {
        return zh(language) ? HEADER_ZH : HEADER;
    }

    static List<List<?>> rows(List<WebhookRepository.Delivery> deliveries, String language) {
        return deliveries.stream().<List<?>>map(d -> {
            WebhookRepository.Attempt last = d.log().isEmpty() ? null : d.log().get(d.log().size() - 1);
            return Arrays.asList(d.id(), Courier.webhookId(d.eventId()), d.kind(), d.subject(),
                    state(d, language), d.series(), d.attempts(), last == null ? null : last.at().toString(),
                    last == null ? null : last.status(), last == null ? null : last.error(),
                    d.state().equals("pending") ? d.nextAt().toString() : null, d.createdAt().toString(),
                    d.finishedAt() == null ? null : d.finishedAt().toString());
        }).toList();
    }

    public static String csv(List<WebhookRepository.Delivery> deliveries, String language) {
        return Csv.document(header(language), rows(deliveries, language));
    }

    public static byte[] xlsx(List<WebhookRepository.Delivery> deliveries, String language) {
        return Xlsx.document("deliveries", header(language), rows(deliveries, language));
    }

    /**
     * A delivery's state as a person reads it: a pending one whose attempts failed so far is "failing" (it is tried
     * again), a failed one was given up.
     */
    public static String state(WebhookRepository.Delivery d, String language) {
        boolean zh = zh(language);
        return switch (d.state()) {
            case "delivered" -> zh ? "已送达" : "delivered";
            case "failed" -> zh ? "已放弃" : "given up";
            default -> d.attempts() > 0 ? (zh ? "失败待重试" : "failing") : (zh ? "待发送" : "pending");
        };
    }

    /** The webhook-id header every attempt of the event carries. */
    public static String webhookId(long eventId) {
        return Courier.webhookId(eventId);
    }

    static boolean zh(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    }
}
