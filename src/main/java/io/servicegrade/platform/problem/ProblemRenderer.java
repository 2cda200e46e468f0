package io.servicegrade.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Writes a problem as its JSON body, in the language asked for: for answers that are kept and replayed. */
@ApplicationScoped
public class ProblemRenderer {

    @Inject
    Languages languages;

    @Inject
    ObjectMapper json;

    public String render(ProblemException problem, String acceptLanguage, String path) {
        try {
            return json.writeValueAsString(ProblemDocument.of(problem, languages.problemMessages(acceptLanguage),
                    io.servicegrade.platform.observe.RequestLog.instance(path)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
