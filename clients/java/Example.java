import io.servicegrade.client.ApiClient;
import io.servicegrade.client.ApiException;
import io.servicegrade.client.ApiResponse;
import io.servicegrade.client.JSON;
import io.servicegrade.client.api.AgenciesApi;
import io.servicegrade.client.api.EvaluationsApi;
import io.servicegrade.client.api.RubricsApi;
import io.servicegrade.client.api.SchemesApi;
import io.servicegrade.client.api.UnitsApi;
import io.servicegrade.client.model.AgencyIssued;
import io.servicegrade.client.model.AgencyRequest;
import io.servicegrade.client.model.Answer;
import io.servicegrade.client.model.BonusRule;
import io.servicegrade.client.model.DeductionRule;
import io.servicegrade.client.model.EvaluationBatch;
import io.servicegrade.client.model.EvaluationBatchResult;
import io.servicegrade.client.model.EvaluationInput;
import io.servicegrade.client.model.IndicatorsRule;
import io.servicegrade.client.model.Outcome;
import io.servicegrade.client.model.Problem;
import io.servicegrade.client.model.ProblemError;
import io.servicegrade.client.model.RatingRule;
import io.servicegrade.client.model.RubricItem;
import io.servicegrade.client.model.RubricSection;
import io.servicegrade.client.model.RubricVersion;
import io.servicegrade.client.model.RuleIndicator;
import io.servicegrade.client.model.ShortfallRule;
import io.servicegrade.client.model.StandingRow;
import io.servicegrade.client.model.Standings;
import io.servicegrade.client.model.UnitInput;
import io.servicegrade.client.model.UpsertResult;
import io.servicegrade.client.model.VetoRule;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an integrator writes with the Java client openapi-generator makes from /q/openapi (generator java, library
 * native: java.net.http and Jackson): the same steps as ../typescript/example.ts, one line per step.
 * Arguments: base URL, admin key, a code prefix of its own.
 */
public final class Example {

    private static final String SCHEME = "create-satisfied-windows";
    private static final String RUBRIC = "postal-counter-model-window";

    private static ApiClient client(String base, String header, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        // the native library sends no credentials by itself: the key goes on every request
        client.setRequestInterceptor(request -> request.header(header, value));
        return client;
    }

    private static void print(String step, Object... pairs) {
        StringBuilder line = new StringBuilder(step);
        for (int i = 0; i < pairs.length; i += 2) {
            line.append(' ').append(pairs[i]).append('=').append(pairs[i + 1]);
        }
        System.out.println(line);
    }

    /** The answer that loses no point, whatever the item's rule: the rule's kind is a Java type. */
    private static Answer perfect(RubricItem item) {
        Object rule = item.getRule().getActualInstance();
        Answer answer = new Answer().item(item.getKey());
        if (rule instanceof DeductionRule) {
            return answer.violations(0);
        } else if (rule instanceof VetoRule) {
            return answer.pass(true);
        } else if (rule instanceof IndicatorsRule indicators) {
            Map<String, BigDecimal> rates = new LinkedHashMap<>();
            for (RuleIndicator indicator : indicators.getIndicators()) {
                rates.put(indicator.getKey(), indicator.getTarget());
            }
            return answer.rates(rates);
        } else if (rule instanceof ShortfallRule shortfall) {
            return answer.rate(shortfall.getTarget());
        } else if (rule instanceof RatingRule rating) {
            return answer.responses(Map.of(rating.getScale().get(0).getKey(), 1));
        } else if (rule instanceof BonusRule) {
            return answer.count(0);
        }
        throw new IllegalStateException("a rule of no known kind: " + rule);
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String prefix = args[2];
        ApiClient admin = client(base, "Authorization", "Bearer " + args[1]);

        // 1. units: an outlet and two windows under it
        List<String> windows = List.of(prefix + ".W1", prefix + ".W2");
        List<UnitInput> units = new ArrayList<>();
        units.add(new UnitInput().code(prefix).name(prefix + " 支局").kind("outlet"));
        for (String code : windows) {
            units.add(new UnitInput().code(code).name("窗口 " + code).kind("window").parent(prefix));
        }
        UpsertResult upserted = new UnitsApi(admin).putUnits(units);
        print("units", "created", upserted.getCreated());

        // 2. an agency for the two sources the scheme weights, with its own key
        AgencyIssued agency = new AgenciesApi(admin).createAgency(new AgencyRequest().code(prefix + "-agency")
                .name("测评公司 Survey Co").sources(List.of("inspection", "mystery_shop")));
        EvaluationsApi asAgency = new EvaluationsApi(client(base, "X-Api-Key", agency.getKey()));
        print("agency", "keyPrefix", agency.getKeyPrefix() != null);

        // 3. the rubric, typed: every item answered by its rule kind
        RubricVersion rubric = new RubricsApi(admin).getRubric(RUBRIC);
        List<Answer> answers = new ArrayList<>();
        TreeSet<String> kinds = new TreeSet<>();
        for (RubricSection section : rubric.getRubric().getSections()) {
            for (RubricItem item : section.getItems()) {
                answers.add(perfect(item));
                kinds.add(item.getRule().getActualInstance().getClass().getSimpleName());
            }
        }
        print("rubric", "version", rubric.getVersion(), "items", answers.size(), "kinds", String.join(",", kinds));

        // 4. a batch, sent twice with one Idempotency-Key: the second is the first's answer replayed
        List<EvaluationInput> evaluations = new ArrayList<>();
        for (String unit : windows) {
            for (String source : List.of("inspection", "mystery_shop")) {
                evaluations.add(new EvaluationInput().externalId(unit + "-" + source).source(source).unit(unit)
                        .rubric(RUBRIC).conductedAt(OffsetDateTime.parse("2023-05-10T10:00:00+08:00"))
                        .answers(answers));
            }
        }
        EvaluationBatch batch = new EvaluationBatch().evaluations(evaluations);
        for (int attempt = 1; attempt <= 2; attempt++) {
            ApiResponse<EvaluationBatchResult> posted = asAgency.postEvaluationsWithHttpInfo(batch, prefix + "-batch-1");
            List<String> outcomes = new ArrayList<>();
            List<String> scores = new ArrayList<>();
            for (Outcome outcome : posted.getData().getEvaluations()) {
                outcomes.add(outcome.getOutcome().getValue());
                scores.add(outcome.getScore().stripTrailingZeros().toPlainString());
            }
            print("evaluations", "attempt", attempt, "status", posted.getStatusCode(), "replayed",
                    posted.getHeaders().getOrDefault("idempotent-replayed", List.of("-")).get(0),
                    "outcomes", String.join(",", outcomes), "scores", String.join(",", scores));
        }

        // 5. the standings of the quarter, the outlet's windows only
        Standings board = new SchemesApi(admin).getStandings(SCHEME, null, null, "window", null, "2023-Q2", null,
                null, prefix);
        List<String> rows = new ArrayList<>();
        for (StandingRow row : board.getStandings()) {
            rows.add(row.getUnit() + ":" + row.getRank() + ":" + row.getValue().stripTrailingZeros().toPlainString()
                    + ":" + row.getGrade().getKey());
        }
        print("standings", "totalCount", board.getTotalCount(), "rows", String.join(",", rows));

        // 6. a refused batch: a problem, its errors named by JSON pointer
        EvaluationInput stray = evaluations.get(0).externalId(prefix + "-x").unit(prefix + ".nowhere");
        try {
            asAgency.postEvaluations(new EvaluationBatch().evaluations(List.of(stray)), null);
            print("problem", "taken", true);
        } catch (ApiException refused) {
            Problem problem = JSON.getDefault().getMapper().readValue(refused.getResponseBody(), Problem.class);
            List<String> pointers = new ArrayList<>();
            for (ProblemError error : problem.getErrors()) {
                pointers.add(error.getPointer());
            }
            print("problem", "status", refused.getCode(), "type", problem.getType(), "pointers",
                    String.join(",", pointers));
        }
    }
}
