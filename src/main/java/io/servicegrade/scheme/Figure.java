package io.servicegrade.scheme;

import java.util.Arrays;
import java.util.Optional;

/**
 * The follow-up figures a scheme source may count instead of evaluations (issue 19). Each case (a rectification
 * order, a complaint) gives at most one sample per figure, 100 or 0, dated by when the case arose; a source on a
 * figure takes their mean, so its value is the rate in per cent. A sample exists once the case has an outcome for
 * the figure (replied, or overdue without a reply; satisfaction recorded).
 */
public enum Figure {
    /** A rectification order replied to (100), or overdue without a reply (0): the reply rate (整改回复率). */
    RECTIFICATION_REPLY("rectificationReply"),
    /** A rectification order replied to by its deadline (100), late or overdue (0): the on-time rate. */
    RECTIFICATION_ON_TIME("rectificationOnTime"),
    /** A complaint answered by its deadline (100), late or overdue (0): timeliness (投诉处理及时率). */
    COMPLAINT_TIMELY("complaintTimely"),
    /** A complaint whose customer was satisfied with its handling (100) or not (0): 投诉处理满意率. */
    COMPLAINT_SATISFIED("complaintSatisfied"),
    /** A complaint that repeats the same customer's subject (100) or not (0): the repeat rate (lower is better). */
    COMPLAINT_REPEAT("complaintRepeat"),
    /**
     * A coverage plan's selected unit in one interval: covered (100) or ended uncovered (0); none while the interval
     * is in progress and uncovered. A unit's mean is its coverage rate (检查覆盖率).
     */
    INSPECTION_COVERAGE("inspectionCoverage");

    private final String key;

    Figure(String key) {
        this.key = key;
    }

    /** The figure's name in scheme documents and samples. */
    public String key() {
        return key;
    }

    /** What a source on this figure stands in the inputs for, instead of a rubric's key. */
    public String rubricKey() {
        return "figure:" + key;
    }

    public static Optional<Figure> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
