package io.servicegrade.platform.security;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the key filter found it; null on open calls without a key. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw unauthorized();
        }
        return caller;
    }

    static ProblemException unauthorized() {
        return new ProblemException(401, "unauthorized", ProblemMessages::unauthorizedTitle,
                ProblemMessages::unauthorizedDetail);
    }
}
