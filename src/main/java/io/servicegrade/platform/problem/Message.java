package io.servicegrade.platform.problem;

/** A text for a person, chosen from the problem messages in the language the request asked for. */
@FunctionalInterface
public interface Message {

    String in(ProblemMessages messages);
}
