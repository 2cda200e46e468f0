package io.servicegrade.report;

import io.servicegrade.scheme.Period;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The language of a report page, and how numbers, dates and periods are written in it. Chosen by {@code ?lang=},
 * then by {@code Accept-Language}; Chinese by default, as the pages' readers are.
 */
public record ReportLanguage(String tag) {

    static final ZoneId BEIJING = io.servicegrade.platform.config.ServiceGradeConfig.localZone();
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    public static final ReportLanguage ZH = new ReportLanguage("zh-CN");
    public static final ReportLanguage EN = new ReportLanguage("en");

    static ReportLanguage of(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return lang.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            String first = acceptLanguage.split(",")[0].trim().toLowerCase(Locale.ROOT);
            if (first.startsWith("en")) {
                return EN;
            }
        }
        return ZH;
    }

    public boolean chinese() {
        return this == ZH || tag.startsWith("zh");
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** The other language, for the switch on every page. */
    public ReportLanguage other() {
        return chinese() ? EN : ZH;
    }

    /** A score or share, to 2 places, the same in both languages; empty for none. */
    public String number(BigDecimal value) {
        return value == null ? "" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A change, signed: +1.20, −0.50. */
    public String signed(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String text = value.abs().setScale(2, RoundingMode.HALF_UP).toPlainString();
        return value.signum() > 0 ? "+" + text : value.signum() < 0 ? "−" + text : text;
    }

    public String date(java.time.LocalDate day) {
        return day == null ? "" : day.format(chinese() ? ZH_DATE : EN_DATE);
    }

    /** A moment in Beijing time. */
    public String time(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(BEIJING).format(chinese() ? ZH_TIME : EN_TIME);
    }

    /** A period as people write it: 2023年第二季度, Q2 2023. */
    public String period(Period period) {
        int year = period.firstDay().getYear();
        int month = period.firstDay().getMonthValue();
        String[] quarters = {"一", "二", "三", "四"};
        return switch (period.kind()) {
            case YEAR -> chinese() ? year + "年" : Integer.toString(year);
            case HALF -> chinese() ? year + (month == 1 ? "年上半年" : "年下半年") : (month == 1 ? "H1 " : "H2 ") + year;
            case QUARTER -> chinese() ? year + "年第" + quarters[(month - 1) / 3] + "季度" : "Q" + ((month - 1) / 3 + 1)
                    + " " + year;
            case MONTH -> chinese() ? year + "年" + month + "月"
                    : period.firstDay().format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));
        };
    }

    /** An area's name. */
    public String area(String area) {
        if (area == null) {
            return "";
        }
        return switch (area) {
            case "urban" -> chinese() ? "城区" : "urban";
            case "rural" -> chinese() ? "农村" : "rural";
            default -> area;
        };
    }

    /** An evaluation source's name; a deployment's own source shows as its token. */
    public String source(String source) {
        return switch (source) {
            case "inspection" -> chinese() ? "内部检查" : "Inspection";
            case "mystery_shop" -> chinese() ? "神秘顾客暗访" : "Mystery shopping";
            case "survey" -> chinese() ? "顾客问卷" : "Customer survey";
            case "self" -> chinese() ? "自查" : "Self-assessment";
            case "callback" -> chinese() ? "电话回访" : "Callback";
            case "video" -> chinese() ? "视频抽查" : "Video check";
            case "complaint" -> chinese() ? "投诉" : "Complaints";
            default -> source;
        };
    }

    /** A kind of unit's name. */
    public String kind(String kind) {
        return switch (kind) {
            case "region" -> chinese() ? "地区局" : "Bureau";
            case "branch" -> chinese() ? "县（区）局" : "Branch";
            case "outlet" -> chinese() ? "网点" : "Outlet";
            case "window" -> chinese() ? "窗口" : "Window";
            case "staff" -> chinese() ? "员工" : "Staff";
            default -> kind;
        };
    }
}
