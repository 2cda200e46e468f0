package io.servicegrade.platform.audit;

import java.util.Locale;
import java.util.Map;

/**
 * The stable names of the actions the audit log records, one per kind of write whatever edge it came through:
 * REST's {@code PUT /api/v1/schemes/{key}} and GraphQL's {@code putScheme} are both {@code scheme.put}. A write
 * not named here is still recorded, under a name made from its resource and method (or its mutation).
 */
public final class AuditActions {

    /** REST methods by {@code ResourceClass.method}; null for a POST that changes nothing (a dry run). */
    private static final Map<String, String> REST = Map.ofEntries(
            Map.entry("EvaluationResource.submit", "evaluation.create"),
            Map.entry("EvaluationResource.revise", "evaluation.revise"),
            Map.entry("EvaluationResource.voidIt", "evaluation.void"),
            Map.entry("ImportResource.create", "import.create"),
            Map.entry("ApiKeyResource.create", "key.create"),
            Map.entry("ApiKeyResource.revoke", "key.revoke"),
            Map.entry("ReportResource.signIn", "report.sign-in"),
            Map.entry("ReportResource.signOut", "report.sign-out"),
            Map.entry("AccountResource.create", "account.create"),
            Map.entry("AccountResource.change", "account.change"),
            Map.entry("AccountResource.resetPassword", "account.reset-password"),
            Map.entry("AccountResource.importAccounts", "account.import"),
            Map.entry("AccountAdminPage.create", "account.create"),
            Map.entry("AccountAdminPage.change", "account.change"),
            Map.entry("AccountAdminPage.resetPassword", "account.reset-password"),
            Map.entry("MeResource.signIn", "account.sign-in"),
            Map.entry("MeResource.revoke", "token.revoke"),
            Map.entry("UnitResource.upsert", "unit.put"),
            Map.entry("UnitResource.upsertCsv", "unit.put"),
            Map.entry("UnitResource.patch", "unit.patch"),
            Map.entry("StandingResource.recompute", "standing.recompute"),
            Map.entry("StandingResource.publish", "period.publish"),
            Map.entry("StandingResource.close", "period.close"),
            Map.entry("StandingResource.reopen", "period.reopen"),
            Map.entry("RubricResource.put", "rubric.put"),
            Map.entry("RubricResource.putYaml", "rubric.put"),
            Map.entry("RubricResource.score", ""),
            Map.entry("AgencyResource.create", "agency.create"),
            Map.entry("AgencyResource.patch", "agency.patch"),
            Map.entry("AgencyResource.rotate", "agency.rotate-key"),
            Map.entry("SchemeResource.put", "scheme.put"),
            Map.entry("SchemeResource.putYaml", "scheme.put"),
            // issue 18: unit veto events and their exemptions
            Map.entry("VetoEventResource.propose", "veto-event.propose"),
            Map.entry("VetoEventResource.confirm", "veto-event.confirm"),
            Map.entry("VetoEventResource.requestExemption", "veto-event.request-exemption"),
            Map.entry("VetoEventResource.approveExemption", "veto-event.exempt"),
            Map.entry("VetoEventResource.declineExemption", "veto-event.decline-exemption"),
            // issue 18: nominations and benchmark units
            Map.entry("NominationResource.confirm", "nomination.confirm"),
            Map.entry("NominationResource.substitute", "nomination.substitute"),
            Map.entry("NominationResource.forward", "nomination.forward"),
            Map.entry("NominationResource.approve", "nomination.approve"),
            Map.entry("NominationResource.designate", "benchmark.designate"),
            Map.entry("AppealResource.file", "appeal.file"),
            Map.entry("AppealResource.decide", "appeal.decide"),
            Map.entry("AppealPages.file", "appeal.file"),
            Map.entry("AppealPages.decide", "appeal.decide"),
            // issue 19: rectification orders
            Map.entry("RectificationResource.create", "rectification.create"),
            Map.entry("RectificationResource.reply", "rectification.reply"),
            Map.entry("RectificationResource.verify", "rectification.verify"),
            Map.entry("RectificationPages.reply", "rectification.reply"),
            Map.entry("RectificationPages.verify", "rectification.verify"),
            // issue 19: complaints register
            Map.entry("ComplaintResource.register", "complaint.register"),
            Map.entry("ComplaintResource.registerBatch", "complaint.register"),
            Map.entry("ComplaintResource.importComplaints", "complaint.import"),
            Map.entry("ComplaintResource.reply", "complaint.reply"),
            Map.entry("ComplaintResource.satisfaction", "complaint.satisfaction"),
            Map.entry("ComplaintPages.reply", "complaint.reply"),
            Map.entry("TransactionVolumeResource.put", "volumes.put"),
            Map.entry("TransactionVolumeResource.putFile", "volumes.put"),
            // issue 19: inspection coverage
            Map.entry("CoverageResource.put", "coverage.plan.put"),
            Map.entry("CoverageResource.delete", "coverage.plan.delete"),
            // issue 19: webhooks
            Map.entry("WebhookResource.create", "webhook.create"),
            Map.entry("WebhookResource.update", "webhook.update"),
            Map.entry("WebhookResource.delete", "webhook.delete"),
            Map.entry("WebhookResource.rotate", "webhook.rotate"),
            Map.entry("WebhookResource.replay", "webhook.replay"),
            Map.entry("WebhookResource.replayFailed", "webhook.replay"),
            // issue 19b: complaints (the page forms are the API's actions)
            Map.entry("ComplaintPages.register", "complaint.register"),
            Map.entry("ComplaintPages.satisfaction", "complaint.satisfaction"),
            // issue 19b: imports
            Map.entry("RectificationResource.importOrders", "rectification.import"),
            Map.entry("RectificationPages.importOrders", "rectification.import"),
            Map.entry("CoverageResource.importPlans", "coverage.plan.import"),
            // issue 19b: webhooks
            Map.entry("WebhookPages.replay", "webhook.replay"));

    /** GraphQL mutations by field name. */
    private static final Map<String, String> GRAPHQL = Map.ofEntries(
            Map.entry("createAgency", "agency.create"),
            Map.entry("updateAgency", "agency.patch"),
            Map.entry("rotateAgencyKey", "agency.rotate-key"),
            Map.entry("createApiKey", "key.create"),
            Map.entry("revokeApiKey", "key.revoke"),
            Map.entry("postEvaluations", "evaluation.create"),
            Map.entry("reviseEvaluation", "evaluation.revise"),
            Map.entry("voidEvaluation", "evaluation.void"),
            Map.entry("publishPeriod", "period.publish"),
            Map.entry("closePeriod", "period.close"),
            Map.entry("reopenPeriod", "period.reopen"),
            Map.entry("recomputeStandings", "standing.recompute"),
            Map.entry("putRubric", "rubric.put"),
            Map.entry("putScheme", "scheme.put"),
            Map.entry("updateUnit", "unit.patch"),
            Map.entry("upsertUnits", "unit.put"),
            Map.entry("createAccount", "account.create"),
            Map.entry("updateAccount", "account.change"),
            Map.entry("resetPassword", "account.reset-password"),
            Map.entry("createToken", "token.create"),
            Map.entry("revokeToken", "token.revoke"),
            // issue 18: unit veto events and their exemptions
            Map.entry("proposeVetoEvent", "veto-event.propose"),
            Map.entry("confirmVetoEvent", "veto-event.confirm"),
            Map.entry("requestVetoExemption", "veto-event.request-exemption"),
            Map.entry("approveVetoExemption", "veto-event.exempt"),
            Map.entry("declineVetoExemption", "veto-event.decline-exemption"),
            Map.entry("confirmNomination", "nomination.confirm"),
            Map.entry("substituteNomination", "nomination.substitute"),
            Map.entry("forwardNominations", "nomination.forward"),
            Map.entry("approveNomination", "nomination.approve"),
            Map.entry("designateBenchmark", "benchmark.designate"),
            Map.entry("fileAppeal", "appeal.file"),
            Map.entry("decideAppeal", "appeal.decide"),
            // issue 19: rectification orders
            Map.entry("createRectification", "rectification.create"),
            Map.entry("replyRectification", "rectification.reply"),
            Map.entry("verifyRectification", "rectification.verify"),
            // issue 19: complaints register
            Map.entry("registerComplaint", "complaint.register"),
            Map.entry("registerComplaints", "complaint.register"),
            Map.entry("replyComplaint", "complaint.reply"),
            Map.entry("recordComplaintSatisfaction", "complaint.satisfaction"),
            Map.entry("putTransactionVolumes", "volumes.put"),
            // issue 19: inspection coverage
            Map.entry("putCoveragePlan", "coverage.plan.put"),
            Map.entry("deleteCoveragePlan", "coverage.plan.delete"),
            // issue 19: webhooks
            Map.entry("createWebhook", "webhook.create"),
            Map.entry("updateWebhook", "webhook.update"),
            Map.entry("deleteWebhook", "webhook.delete"),
            Map.entry("rotateWebhookSecret", "webhook.rotate"),
            Map.entry("replayWebhookDelivery", "webhook.replay"),
            Map.entry("replayFailedWebhookDeliveries", "webhook.replay"));

    /** A sign-in for a personal access token: done, refused (wrong login or password), refused while locked out. */
    public static final String SIGN_IN = "account.sign-in";
    public static final String SIGN_IN_FAILED = "account.sign-in-failed";
    public static final String SIGN_IN_LOCKED = "account.sign-in-locked";
    /** A sign-in refused unchecked: too many failed sign-ins came from its client address (issue 16). */
    public static final String SIGN_IN_LIMITED = "account.sign-in-limited";
    /** The report pages' sign-in with a key that identifies no one. */
    public static final String PAGE_SIGN_IN_FAILED = "report.sign-in-failed";

    /** An import job's end (its evaluations are written by the job, after the request that made it). */
    public static final String IMPORT_FINISH = "import.finish";
    /** An account import job's end (issue 16: its accounts are made by the job, after the request that started it). */
    public static final String ACCOUNT_IMPORT_FINISH = "account-import.finish";

    private AuditActions() {
    }

    /** The action of a REST method, or null when it writes nothing. */
    public static String rest(Class<?> resource, String method) {
        String simple = resource.getSimpleName();
        String named = REST.get(simple + "." + method);
        if (named != null) {
            return named.isEmpty() ? null : named;
        }
        String feature = simple.endsWith("Resource") ? simple.substring(0, simple.length() - 8) : simple;
        return kebab(feature) + "." + kebab(method);
    }

    /** The action of a GraphQL mutation. */
    public static String graphql(String field) {
        String named = GRAPHQL.get(field);
        return named != null ? named : "graphql." + kebab(field);
    }

    /** The kind of thing an action acts on: what comes before its first dot. */
    public static String targetKind(String action) {
        return action == null ? null : action.substring(0, action.indexOf('.'));
    }

    /** {@code putYaml} as {@code put-yaml}; anything but letters and digits dropped. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c) && !out.isEmpty()) {
                out.append('-');
            }
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(Character.toLowerCase(c));
            }
        }
        String text = out.toString().toLowerCase(Locale.ROOT);
        return text.isEmpty() || !Character.isLetter(text.charAt(0)) ? "x" + text : text;
    }
}
